// Benchmark pages of about 2,000, 20,000 and 200,000 words, cut from tests/fixtures/pages/big.html
// (its paragraphs, in order), each with an inline head script that records long tasks.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../../tests/e2e/browsers.ts';

/** Runs before anything else on the page: every long task (buffered) into window.__longTasks. */
const LONG_TASK_SCRIPT = `<script>
window.__longTasks = [];
window.__longTaskSupported = typeof PerformanceObserver === 'function' && (PerformanceObserver.supportedEntryTypes || []).includes('longtask');
if (window.__longTaskSupported) {
  new PerformanceObserver(function (list) {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
}
</script>`;

export interface BenchPage {
  file: string;
  path: string;
  words: number;
}

const wordCount = (html: string) => html.replace(/<[^>]+>/g, ' ').split(/\s+/).filter(Boolean).length;

export function writePages(sizes: readonly number[]): { dir: string; pages: Map<number, BenchPage> } {
  const big = readFileSync(join(ROOT_DIR, 'tests/fixtures/pages/big.html'), 'utf8');
  const open = big.indexOf('<div class="article-body">');
  const close = big.indexOf('</div></article>', open);
  if (open < 0 || close < 0) throw new Error('big.html: no article body');
  const head = big.slice(0, open + '<div class="article-body">'.length).replace('<head>', `<head>\n${LONG_TASK_SCRIPT}`);
  const tail = big.slice(close);
  const blocks = big
    .slice(open, close)
    .split('\n')
    .filter((l) => /^<(p|h2)>/.test(l));
  const dir = mkdtempSync(join(tmpdir(), 'csto-bench-pages-'));
  const pages = new Map<number, BenchPage>();
  for (const size of sizes) {
    const out: string[] = [];
    let words = 0;
    for (let i = 0; words < size; i++) {
      const b = blocks[i % blocks.length]!;
      out.push(b);
      words += wordCount(b);
    }
    const file = `page-${size}.html`;
    const html = head.replace(/[\d,]+ words<\/div>/, `${words.toLocaleString('en-US')} words</div>`) + '\n' + out.join('\n') + '\n' + tail;
    writeFileSync(join(dir, file), html);
    pages.set(size, { file, path: join(dir, file), words });
  }
  return { dir, pages };
}
