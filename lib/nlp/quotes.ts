// Direct quotations: straight "..." and curly “...” quotes, «guillemets» and „...“; nested quotes
// stay inside the outer one; a quotation spanning paragraphs (with or without a re-opening mark at
// each paragraph) is one piece; pieces interrupted by an attribution ("...," he said, "...") are
// joined into one statement.
import { SPEECH_VERB_ALT, type StatementDraft } from './common';
import { npAfter, npBefore, type SpeakerRef, type SpeakerResolver } from './speakers';
import { sentenceAt, type SentenceSpan } from './sentences';

export interface QuotePiece {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the opening mark (start of the quoted words). */
  start: number;
  /** Offset of the closing mark (end of the quoted words). */
  end: number;
  /** Offset just after the closing mark. */
  close: number;
  /** False when no closing mark was found (the piece was cut at its paragraph end). */
  closed: boolean;
  /** Offsets of re-opening marks at paragraph starts inside the piece (dropped from the text). */
  reopens: number[];
}

const CLOSER: Record<string, string[]> = { '“': ['”'], '«': ['»'], '„': ['“', '”'], '"': ['"'], '‘': ['’'] };

function atParagraphStart(text: string, i: number): boolean {
  const ls = text.lastIndexOf('\n', i - 1);
  return ls !== -1 && /^[\s\u00a0]*$/.test(text.slice(ls + 1, i));
}

function paragraphEnd(text: string, i: number): number {
  const m = /\n[\s\u00a0]*\n/.exec(text.slice(i));
  return m ? i + m.index : text.length;
}

/** Top-level quotation pieces, in text order. */
export function findQuotePieces(text: string): QuotePiece[] {
  const out: QuotePiece[] = [];
  let stack: { ch: string; pos: number }[] = [];
  let reopens: number[] = [];
  const finishUnclosed = (): void => {
    const first = stack[0]!;
    let end = paragraphEnd(text, first.pos);
    const nl = text.indexOf('\n', first.pos);
    if (first.ch === '"' && nl !== -1) end = Math.min(end, nl);
    while (end > first.pos + 1 && /\s/.test(text[end - 1]!)) end--;
    out.push({ open: first.pos, start: first.pos + 1, end, close: end, closed: false, reopens: reopens.filter((r) => r < end) });
    stack = [];
    reopens = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    // a blank line with an open quotation: continue only if the next paragraph re-opens it (or it is curly and never closed later)
    if (c === '\n' && stack.length) {
      const m = /^\n[\s\u00a0]*\n[\s\u00a0]*/.exec(text.slice(i));
      if (m) {
        const nextCh = text[i + m[0].length];
        const top = stack[0]!;
        if (nextCh !== top.ch) {
          finishUnclosed();
          continue;
        }
      }
    }
    if (!'"“”«»„‘’'.includes(c)) continue;
    const top = stack[stack.length - 1];
    // British single quotes: ’ is also the apostrophe, so it closes only a ‘ and only before a non-letter;
    // ‘ opens only after a space, a bracket or a dash, and an unclosed one is dropped
    if (c === '’') {
      if (!top || top.ch !== '‘' || /[\p{L}\p{N}]/u.test(text[i + 1] ?? '')) continue;
    } else if (c === '‘') {
      if (!/[\s\u00a0([—–-]/.test(text[i - 1] ?? ' ') || !/\S/.test(text[i + 1] ?? '')) continue;
      if (/\n\s*\n/.test(text.slice(i, (/’(?![\p{L}\p{N}])/u.exec(text.slice(i)) ?? { index: text.length - i }).index + i))) continue;
      if (!/’(?![\p{L}\p{N}])/u.test(text.slice(i))) continue;
    }
    if (top && CLOSER[top.ch]!.includes(c)) {
      // a mark that closes the top... unless it re-opens the same quotation at a paragraph start
      if (stack.length === 1 && c === top.ch && atParagraphStart(text, i)) {
        reopens.push(i);
        continue;
      }
      stack.pop();
      if (!stack.length) {
        out.push({ open: top.pos, start: top.pos + 1, end: i, close: i + 1, closed: true, reopens });
        reopens = [];
      }
      continue;
    }
    if (c === '”' || c === '»' || c === '’') continue; // stray closer
    if (c === '"' && top) {
      // straight quote inside another quotation: nested opening only in an opening context
      if (!/[\s\u00a0([—–-]/.test(text[i - 1] ?? ' ')) continue;
    }
    if (stack.length === 1 && top && c === top.ch && atParagraphStart(text, i)) {
      reopens.push(i);
      continue;
    }
    stack.push({ ch: c, pos: i });
  }
  if (stack.length) finishUnclosed();
  return out;
}

/** Whitespace clean-up for statement text. */
export function cleanText(s: string): string {
  return s
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}

export function pieceText(text: string, p: QuotePiece): string {
  let s = '';
  let last = p.start;
  for (const r of p.reopens) {
    s += text.slice(last, r);
    last = r + 1;
  }
  s += text.slice(last, p.end);
  return cleanText(s);
}

interface Attribution {
  ref: SpeakerRef;
  /** End of the verb (post) / start of the attribution clause (pre). */
  verbStart: number;
  verbEnd: number;
}

const VERB = `(?:${SPEECH_VERB_ALT})`;
const NOT_LETTER = '(?![\\p{L}\\p{N}_])';

function postAttribution(text: string, p: QuotePiece, limit: number, resolver: SpeakerResolver): Attribution | null {
  if (limit <= p.close) return null;
  const inner = text.slice(p.start, p.end).trimEnd();
  const rest = text.slice(p.close, limit);
  const lead = /^[\s\u00a0]*(,)?[\s\u00a0]*([—–-][\s\u00a0]*)?/.exec(rest)!;
  const hasComma = !!lead[1];
  const hasDash = !!lead[2];
  if (!hasComma && !hasDash && !/[,!?…—–-]$/.test(inner)) return null;
  const at = p.close + lead[0].length;
  const after = text.slice(at, limit);
  // inverted: said the head of the Russian Foreign Ministry when ...
  const inv = new RegExp(`^(${VERB})${NOT_LETTER}`, 'u').exec(after);
  if (inv) {
    const ref = npAfter(text, at + inv[0].length, limit);
    if (ref) return { ref, verbStart: at, verbEnd: at + inv[0].length };
    return null;
  }
  const fwd = new RegExp(`^([^,;:!?"“”«»\\n]{1,90}?)[\\s\\u00a0]+(${VERB})${NOT_LETTER}`, 'u').exec(after);
  if (fwd) {
    const verbStart = at + fwd[0].length - fwd[2]!.length;
    const ref = npBefore(text, at + fwd[1]!.length, at);
    if (ref && ref.phrase.split(/\s+/).length <= 9 && (resolver.isSpeakerLike(ref) || ref.phrase.split(/\s+/).length <= 4))
      return { ref, verbStart, verbEnd: at + fwd[0].length };
  }
  return null;
}

function preAttribution(text: string, open: number, windowStart: number, resolver: SpeakerResolver): Attribution | null {
  if (open <= windowStart) return null;
  const win = text.slice(windowStart, open);
  const acc = /(?:according to|in the words of|по словам|как сказал[а]?)[\s\u00a0]+([^,;:"“”«»]{1,80}?)[\s\u00a0]*,[\s\u00a0]*$/iu.exec(win);
  if (acc) {
    const s = windowStart + acc.index + acc[0].indexOf(acc[1]!);
    const ref = { phrase: acc[1]!.trim(), start: s, end: s + acc[1]!.trim().length };
    return { ref, verbStart: windowStart + acc.index, verbEnd: windowStart + acc.index };
  }
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(${VERB})${NOT_LETTER}`, 'gu');
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | null = null;
  while ((m = re.exec(win))) last = m;
  if (!last) return null;
  const tail = win.slice(last.index + last[0].length);
  if (/[.!?]/.test(tail.replace(/(?:Mr|Mrs|Ms|Dr)\./g, ''))) return null;
  if (tail.split(/\s+/).filter(Boolean).length > 16) return null;
  if (!/(?:that|что|[,:])[\s\u00a0]*$|^[\s\u00a0]*$/iu.test(tail)) return null;
  const verbStart = windowStart + last.index;
  const ref = npBefore(text, verbStart, windowStart);
  if (!ref || !resolver.isSpeakerLike(ref)) return null;
  return { ref, verbStart, verbEnd: verbStart + last[0].length };
}

const wordCount = (s: string): number => s.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/** An unattributed quotation shorter than this (in words) is a name or a scare quote, not a statement. */
const MIN_UNATTRIBUTED_QUOTE_WORDS = 6;

/**
 * Statement drafts for the direct quotations outside the `skip` spans.
 * Interrupted quotations are joined; quotations of fewer than MIN_UNATTRIBUTED_QUOTE_WORDS (6) words without attribution
 * (names, scare quotes) are ignored; longer unattributed ones inherit a nearby speaker.
 */
export function quoteDrafts(
  text: string,
  sentences: SentenceSpan[],
  resolver: SpeakerResolver,
  skip: (pos: number) => boolean,
): { drafts: StatementDraft[]; pieces: QuotePiece[] } {
  const pieces = findQuotePieces(text).filter((p) => !skip(p.open));
  const info = pieces.map((p, i) => {
    const next = pieces[i + 1];
    const sIdx = sentenceAt(sentences, Math.max(p.close - 1, p.start));
    const sEnd = sIdx >= 0 ? sentences[sIdx]!.end : text.length;
    let limit = Math.min(sEnd, next ? next.open : text.length);
    const nl = text.indexOf('\n', p.close);
    if (nl !== -1) limit = Math.min(limit, nl);
    const post = postAttribution(text, p, limit, resolver);
    return { p, post, sIdx };
  });
  const preOf = (i: number, windowFloor: number): Attribution | null => {
    const p = pieces[i]!;
    const so = sentenceAt(sentences, p.open);
    const sStart = so >= 0 ? sentences[so]!.start : 0;
    const prev = pieces[i - 1];
    const ws = Math.max(sStart, prev ? prev.close : 0, windowFloor);
    return preAttribution(text, p.open, ws, resolver);
  };

  const drafts: StatementDraft[] = [];
  let i = 0;
  while (i < pieces.length) {
    const first = info[i]!;
    const group = [first];
    const pre = preOf(i, 0);
    let j = i;
    // continuation: the attribution sits between two pieces and the next piece has none of its own
    while (j + 1 < pieces.length) {
      const cur = info[j]!;
      const nxt = info[j + 1]!;
      const attr = cur.post;
      if (!attr) break;
      if (/\n/.test(text.slice(cur.p.close, nxt.p.open))) break;
      if (nxt.post) break;
      if (preOf(j + 1, attr.verbEnd)) break;
      const so = sentenceAt(sentences, nxt.p.open);
      if (so > cur.sIdx + 1) break;
      group.push(nxt);
      j++;
    }
    i = j + 1;
    const attr = group.map((g) => g.post).find(Boolean) ?? pre;
    // text
    let joined = '';
    group.forEach((g, k) => {
      let t = pieceText(text, g.p);
      if (k < group.length - 1) t = t.replace(/[,\s]+$/, '');
      if (k === 0) joined = t;
      else {
        const prevEndsSentence = /[.!?…]$/.test(joined);
        const startsUpper = /^\p{Lu}/u.test(t);
        joined = (prevEndsSentence || !startsUpper ? joined : joined + '.') + ' ' + t;
      }
    });
    joined = joined.replace(/,$/, '');
    const pieceSpans = group.map((g) => [g.p.start, g.p.end] as [number, number]);
    const lastP = group[group.length - 1]!.p;
    if (!attr) {
      if (wordCount(joined) < MIN_UNATTRIBUTED_QUOTE_WORDS) continue;
      drafts.push({
        kind: 'quote', pieces: pieceSpans, text: joined, ref: null, anchor: first.p.open,
        extentStart: first.p.open, extentEnd: lastP.close, inherit: true,
      });
      continue;
    }
    if (wordCount(joined) < 2) continue;
    const post = group.map((g) => g.post).find(Boolean);
    let ref = attr.ref;
    // both a lead-in ("According to the CSTO Secretary General,") and a verb after: prefer the one that resolves to a person
    if (post && pre && resolver.resolve(post.ref, post.ref.start).speakerId === null) ref = pre.ref;
    const sentenceEnd = (pos: number): number => {
      const k = sentenceAt(sentences, pos);
      return k >= 0 ? Math.max(sentences[k]!.end, pos) : pos;
    };
    drafts.push({
      kind: 'quote',
      pieces: pieceSpans,
      text: joined,
      ref,
      anchor: ref.start,
      extentStart: Math.min(first.p.open, pre ? pre.ref.start : first.p.open),
      extentEnd: post ? Math.max(sentenceEnd(post.verbEnd), lastP.close) : lastP.close,
    });
  }
  return { drafts, pieces };
}
