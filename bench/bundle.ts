// Figure 3b: gzipped size of every bundle in .output/chrome-mv3, the content script's against
// its 30 KB budget, and checks that the content script carries none of compromise, React, Dexie or
// the storage library; the same for Firefox's content script, and the size of the matcher script
// it imports on a big page (page-matcher.js: Firefox matches big pages in the page).
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXT_DIRS } from '../tests/e2e/browsers.ts';
import { ensureBuilt, snapshot } from './lib/build';
import { figure, type BenchContext, type BenchModule, type Figure } from './lib/common';

const CONTENT = 'content-scripts/content.js';
const BUDGET_KB = 30;

/** Strings that only a bundle including the library contains (checked against the bundles that do). */
const MARKERS: Record<string, string[]> = {
  compromise: ['compromise', 'PhrasalVerb', 'Honorific'],
  react: ['react.production', '__SECRET_INTERNALS', '__CLIENT_INTERNALS', 'react.transitional.element', 'react.element'],
  dexie: ['Dexie', 'DexieError'],
  // The content script reads the settings without it (lib/page/settings-live.ts).
  'storage-library': ['@wxt-dev/storage'],
};
const FIREFOX_ONLY = 'page-matcher.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Why a content script is over its budget, from what this run measured. */
function overBudget(browser: 'chromium' | 'firefox', kb: number, chromiumKb: number | null): string {
  if (browser === 'firefox' && chromiumKb !== null)
    return `over budget: ${(kb - chromiumKb).toFixed(1)} KB more than Chromium's content script (${chromiumKb.toFixed(1)} KB), for what only Firefox's carries: the page matcher's loader (lib/page/page-matcher.ts, lib/page/matcher-script.ts; the matcher itself is ${FIREFOX_ONLY}, imported on big pages) and the one-Highlight-a-type painter (lib/dom/paint-per-style.ts). `;
  return `over budget by ${(kb - BUDGET_KB).toFixed(1)} KB (none of compromise, React or Dexie in it: the figures below; which of its own modules grew is not measured by this run). `;
}

export const bundleBench: BenchModule = {
  id: 'bundle',
  title: 'Bundle sizes (chrome-mv3, and the firefox-mv2 content script; gzipped)',
  async run(ctx: BenchContext): Promise<Figure[]> {
    ensureBuilt(ctx.log);
    const figures: Figure[] = [];
    let chromiumContentKb: number | null = null;
    for (const browser of ['chromium', 'firefox'] as const) {
      const dir = await snapshot(EXT_DIRS[browser]);
      try {
        const measured = measure(dir, browser, chromiumContentKb);
        chromiumContentKb ??= measured.find((f) => f.id === `bundle.${CONTENT}`)?.value ?? null;
        figures.push(...measured);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return figures;
  },
};

/** Chromium: every bundle; Firefox: its content script and its matcher script. Ids of Firefox figures start "bundle.firefox.". */
function measure(dir: string, browser: 'chromium' | 'firefox', chromiumContentKb: number | null): Figure[] {
  const prefix = browser === 'chromium' ? 'bundle.' : 'bundle.firefox.';
  const figures: Figure[] = [];
  const texts = new Map<string, string>();
  for (const f of files(dir).filter((f) => /\.(js|css)$/.test(f)).sort()) {
    const rel = relative(dir, f);
    const buf = readFileSync(f);
    texts.set(rel, buf.toString('utf8'));
    const isContent = rel === CONTENT;
    if (browser === 'firefox' && !isContent && rel !== FIREFOX_ONLY) continue;
    const kb = gzipSync(buf, { level: 9 }).length / 1024;
    figures.push(
      figure({
        id: `${prefix}${rel.replace(/^((?:chunks|assets)\/.+)-[\w-]{8}(?=\.\w+$)/, '$1')}`,
        value: kb,
        unit: 'KB gz',
        target: isContent ? `< ${BUDGET_KB} KB gzipped` : null,
        ...(isContent ? { check: (v: number) => v < BUDGET_KB } : {}),
        note: `${isContent && kb >= BUDGET_KB ? overBudget(browser, kb, chromiumContentKb) : ''}${(buf.length / 1024).toFixed(1)} KB raw`,
      }),
    );
  }
  const content = texts.get(CONTENT);
  if (content === undefined) throw new Error(`${CONTENT} missing from the ${browser} build`);
  for (const [lib, markers] of Object.entries(MARKERS)) {
    const hits = markers.filter((m) => content.includes(m));
    const elsewhere = [...texts].filter(([rel, t]) => rel !== CONTENT && markers.some((m) => t.includes(m))).map(([rel]) => rel);
    figures.push(
      figure({
        id: `${prefix}content-script.without-${lib}`,
        value: hits.length,
        unit: 'markers found',
        target: `none of ${markers.map((m) => `'${m}'`).join(', ')}`,
        check: (v) => v === 0,
        note: hits.length
          ? `found: ${hits.join(', ')}`
          : `the markers do occur in ${elsewhere.length ? elsewhere.join(', ') : 'no bundle (check the markers)'}`,
      }),
    );
  }
  return figures;
}

export default bundleBench;
