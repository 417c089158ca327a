// Sentence splitting tuned for raw web captures: headings and "Role: Name" lines without
// final punctuation, abbreviations ("Mr.", "U.S.", "Nov. 27"), initials, datelines
// ("MOSCOW, March 30. /TASS/."), bullets, and soft-wrapped lines.

export interface SentenceSpan {
  index: number;
  start: number;
  end: number;
}

/** Abbreviations that never end a sentence (titles before a name). */
const TITLE_ABBREV = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'gen', 'col', 'lt', 'sgt', 'capt', 'gov', 'sen', 'rep', 'adm', 'maj', 'brig', 'rev', 'hon', 'pres', 'amb', 'messrs', 'г', 'гг', 'им', 'ул', 'т']);
/** Abbreviations that end a sentence only before an obvious sentence opener. */
const ABBREV = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'no', 'nos', 'vs', 'e.g', 'i.e',
  'inc', 'ltd', 'co', 'corp', 'jr', 'sr', 'art', 'p', 'pp', 'approx', 'dept', 'est', 'fig', 'vol', 'cf', 'al', 'govt',
  'mt', 'ft', 'ave', 'rd', 'см', 'тыс', 'млн', 'млрд', 'руб', 'др', 'пр', 'т.е', 'т.д', 'т.п', 'н.э',
]);
const STARTERS = new Set(['the', 'he', 'she', 'it', 'they', 'we', 'i', 'this', 'that', 'these', 'but', 'and', 'in', 'on', 'at', 'however', 'meanwhile', 'a', 'an', 'there', 'his', 'her', 'our', 'their', 'according', 'он', 'она', 'они', 'мы', 'это', 'в', 'но']);

const TERMINAL = /[.!?…]["”»’')\]]*$/;

/** "MOSCOW, March 30" or "MOSCOW, March 30. /TASS/" : the dateline must not stand alone. */
const DATELINE = /^\p{Lu}[\p{Lu}\s.'-]+,\s+\p{L}+\.?\s+\d{1,2}(?:\.\s*\/\s*[\p{L}\s-]+\s*\/)?$/u;

function isSpace(c: string | undefined): boolean {
  return c === undefined ? false : /[\s\u00a0]/.test(c);
}

export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  // 1. lines -> blocks (a block is one line, or soft-wrapped lines joined)
  const lines: { start: number; end: number }[] = [];
  let ls = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      lines.push({ start: ls, end: i });
      ls = i + 1;
    }
  }
  const blocks: { start: number; end: number }[] = [];
  let cur: { start: number; end: number } | null = null;
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li]!;
    const content = text.slice(l.start, l.end).replace(/\r$/, '');
    if (!content.trim()) {
      if (cur) blocks.push(cur);
      cur = null;
      continue;
    }
    if (!cur) cur = { start: l.start, end: l.end };
    else cur.end = l.end;
    const next = lines[li + 1];
    const nextContent = next ? text.slice(next.start, next.end).trim() : '';
    const trimmed = content.trim();
    // soft wrap: line without terminal punctuation followed by a line starting in lower case
    const softWrap =
      nextContent !== '' && !TERMINAL.test(trimmed) && !/[:;]$/.test(trimmed) && /^[\p{Ll}]/u.test(nextContent) && trimmed.length > 40;
    if (!softWrap) {
      blocks.push(cur);
      cur = null;
    }
  }
  if (cur) blocks.push(cur);

  // 2. split blocks at sentence boundaries
  for (const b of blocks) {
    let sStart = b.start;
    const re = /[.!?…]+["”»’')\]]*(?=[\s\u00a0])/g;
    re.lastIndex = b.start;
    const blockText = text.slice(0, b.end);
    let m: RegExpExecArray | null;
    while ((m = re.exec(blockText))) {
      const endPunct = m.index + m[0].length;
      if (endPunct >= b.end) break;
      let j = endPunct;
      while (j < b.end && isSpace(text[j])) j++;
      if (j >= b.end) break;
      const nextCh = text[j]!;
      if (!/[\p{Lu}\p{N}“"«‘„([•]/u.test(nextCh)) continue;
      const isDot = m[0][0] === '.';
      if (isDot && m[0].length === 1) {
        const before = text.slice(sStart, m.index);
        const tokM = /([\p{L}.]+)$/u.exec(before);
        const tok = tokM ? tokM[1]!.toLowerCase() : '';
        const nextWord = (/^[\p{L}]+/u.exec(text.slice(j)) ?? [''])[0].toLowerCase();
        if (tok) {
          if (TITLE_ABBREV.has(tok)) continue;
          const abbrev = ABBREV.has(tok) || /^\p{L}$/u.test(tokM![1]!) && /^\p{Lu}$/u.test(tokM![1]!) || /^(?:\p{L}\.)+\p{L}$/u.test(tok);
          if (abbrev && !STARTERS.has(nextWord)) continue;
        }
        const soFar = text.slice(sStart, m.index).trim();
        if (DATELINE.test(soFar)) continue;
      }
      pushSpan(text, sStart, endPunct, out);
      sStart = j;
    }
    pushSpan(text, sStart, b.end, out);
  }
  return out;
}

function pushSpan(text: string, start: number, end: number, out: SentenceSpan[]): void {
  while (start < end && (isSpace(text[start]) || (/[•·▪]/.test(text[start]!)))) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  if (end <= start) return;
  out.push({ index: out.length, start, end });
}

/** Index of the sentence containing offset `pos` (or the nearest one before it). */
export function sentenceAt(sentences: SentenceSpan[], pos: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.start <= pos) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** Indexes of the sentences overlapping [start, end). */
export function sentencesOverlapping(sentences: SentenceSpan[], start: number, end: number): number[] {
  const out: number[] = [];
  for (const s of sentences) if (s.end > start && s.start < end) out.push(s.index);
  return out;
}

/** A heading-like sentence: a whole line without final punctuation. */
export function isHeadingSentence(text: string, s: SentenceSpan): boolean {
  const body = text.slice(s.start, s.end);
  if (/[.!?…:;"”»)]$/.test(body)) return false;
  const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
  const before = text.slice(lineStart, s.start);
  const nl = text.indexOf('\n', s.end);
  const after = text.slice(s.end, nl === -1 ? text.length : nl);
  return !before.trim() && !after.trim();
}
