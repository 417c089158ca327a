// Statements in Russian texts: quotations in «ёлочки», „лапки“ or "..." with their attribution
// («...», — сказал Лавров; «..., — отметил он, — ...»; Лавров заявил: «...»; по словам X, «...»),
// and reported speech (X заявил, что ...; по словам X, ...; как сообщает X, ...; ..., сообщил X.).
// Speakers are resolved by ru-speakers.ts; the result has the shape of the English extractor's.
import { mentionsIn, normPhrase, uniq, type EntityInfo, type MentionIn } from './common';
import { RuSpeakerResolver, type RuResolved, type RuSpeakerRef } from './ru-speakers';
import { isHeadingSentence, sentencesOverlapping, type SentenceSpan } from './sentences';
import type { ExtractedStatement } from './statements';

/** Verbs of saying as news writes them (past masculine, feminine, plural; present). */
export const RU_SAY_VERBS = [
  'заявил', 'заявила', 'заявили', 'заявляет', 'заявляют', 'сказал', 'сказала', 'сказали', 'говорит', 'говорят',
  'отметил', 'отметила', 'отметили', 'отмечает', 'отмечают', 'подчеркнул', 'подчеркнула', 'подчеркнули', 'подчеркивает',
  'подчёркивает', 'сообщил', 'сообщила', 'сообщили', 'сообщает', 'сообщают', 'добавил', 'добавила', 'добавили',
  'добавляет', 'пояснил', 'пояснила', 'пояснили', 'указал', 'указала', 'указали', 'заметил', 'заметила', 'рассказал',
  'рассказала', 'рассказали', 'напомнил', 'напомнила', 'констатировал', 'констатировала', 'уточнил', 'уточнила',
  'признал', 'признала', 'ответил', 'ответила', 'считает', 'полагает', 'уверен', 'уверена', 'убежден', 'убеждена',
  'предупредил', 'предупредила', 'призвал', 'призвала', 'написал', 'написала', 'пишет', 'передает', 'передаёт',
  'резюмировал', 'резюмировала', 'подытожил', 'объяснил', 'объяснила', 'заверил', 'заверила', 'выразил уверенность',
];

const VERB = `(?:${[...RU_SAY_VERBS].sort((a, b) => b.length - a.length).join('|')})`;
const NL = '(?![\\p{L}\\p{N}])';
const PL = '(?<![\\p{L}\\p{N}])';
const DASH = '[—–-]';
const S = '[\\s\\u00a0]';

interface Piece {
  open: number;
  start: number;
  end: number;
  close: number;
}

/** Top-level quotations: «...» (with „...“ or «...» nested inside), „...“ and "..." within a paragraph. */
export function ruQuotePieces(text: string): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '«' || c === '„' || c === '"') {
      const closers = c === '«' ? '»' : c === '„' ? '“”' : '"';
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        const d = text[j]!;
        if (d === '\n' && text[j + 1] === '\n') break;
        if (c === '«' && d === '«') depth++;
        else if (closers.includes(d)) {
          if (depth === 0) break;
          depth--;
        }
      }
      if (j < text.length && closers.includes(text[j]!)) {
        out.push({ open: i, start: i + 1, end: j, close: j + 1 });
        i = j + 1;
        continue;
      }
    }
    i++;
  }
  return out;
}

const wordCount = (s: string) => (s.match(/\p{L}+/gu) ?? []).length;
const clean = (s: string) => s.replace(/[\s\u00a0]+/gu, ' ').replace(/^[\s,—–-]+|[\s,—–-]+$/gu, '').trim();

/** Leading words that are no part of the speaker ("В свою очередь", "При этом", "Ранее"). */
const LEAD_JUNK = new RegExp(`^(?:в свою очередь|при этом|кроме того|также|ранее|тогда|затем|позднее|однако|между тем|сегодня|вчера)${NL}[\\s,\\u00a0]*`, 'iu');
const TRAIL_JUNK = new RegExp(`${S}+(?:также|тоже|ранее|вновь|уже|еще|ещё|же|в свою очередь|неоднократно)$`, 'iu');
/** Whom it was said to, right after the verb: not the speaker ("сообщил ТАСС глава ..."). */
const RECIPIENT = new RegExp(`^(?:ТАСС|РИА${S}Новости|Интерфаксу|«Интерфаксу»|Sputnik|журналистам|репортерам|агентству${S}+\\S+|корреспонденту${S}+\\S+|изданию${S}+\\S+|в${S}+интервью${S}+\\S+|на${S}+брифинге|в${S}+эфире${S}+\\S+)${S}+`, 'u');

/** The phrase just before `end` (a verb), back to a boundary in [minStart, end). */
function npBefore(text: string, end: number, minStart: number): RuSpeakerRef | null {
  const seg = text.slice(minStart, end);
  const re = new RegExp(`[,;:()«»"„“—–\\n.!?]|${PL}(?:что|и|а|но|как|когда)${NL}`, 'giu');
  let last = 0;
  for (const m of seg.matchAll(re)) last = m.index + m[0].length;
  let np = seg.slice(last);
  let s = minStart + last;
  const lead = /^[\s\u00a0]+/u.exec(np);
  if (lead) {
    s += lead[0].length;
    np = np.slice(lead[0].length);
  }
  for (let lj = LEAD_JUNK.exec(np); lj; lj = LEAD_JUNK.exec(np)) {
    s += lj[0].length;
    np = np.slice(lj[0].length);
  }
  np = np.replace(/[\s\u00a0]+$/u, '');
  for (let t = np.replace(TRAIL_JUNK, ''); t !== np; t = np.replace(TRAIL_JUNK, '')) np = t;
  if (!np || np.split(/\s+/u).length > 9) return null;
  return { phrase: np, start: s, end: s + np.length };
}

/** The phrase starting at `start` (after the verb), up to a boundary before `maxEnd`. */
function npAfter(text: string, start: number, maxEnd: number): RuSpeakerRef | null {
  let s = start;
  while (s < maxEnd && /[\s\u00a0]/u.test(text[s]!)) s++;
  let seg = text.slice(s, maxEnd);
  for (let r = RECIPIENT.exec(seg); r; r = RECIPIENT.exec(seg)) {
    s += r[0].length;
    seg = seg.slice(r[0].length);
  }
  const stop = new RegExp(`[,;:!?()«»"„“—–\\n]|\\.(?=[\\s\\u00a0]|$)|${S}(?:в|во|на|после|по|при|во время|в ходе|журналистам|в интервью|в понедельник|во вторник|в среду|в четверг|в пятницу|в субботу|в воскресенье)(?=${S})`, 'iu').exec(seg);
  const np = seg.slice(0, stop ? stop.index : seg.length).trim();
  if (!np || np.split(/\s+/u).length > 9) return null;
  return { phrase: np, start: s, end: s + np.length };
}

interface Draft {
  kind: 'quote' | 'reported';
  pieces: [number, number][];
  ref: RuSpeakerRef;
  anchor: number;
  extentStart: number;
  extentEnd: number;
}

function quoteDrafts(text: string, pieces: Piece[], resolver: RuSpeakerResolver): Draft[] {
  const out: Draft[] = [];
  const afterVerb = new RegExp(`^${S}*[,.!?…]?${S}*${DASH}${S}*(${VERB})${NL}`, 'iu');
  const afterNp = new RegExp(`^${S}*[,.!?…]?${S}*${DASH}${S}*([^.!?«»—–\\n]{1,90}?)${S}+(${VERB})${NL}`, 'iu');
  const inner = new RegExp(`^([\\s\\S]*?[,!?…])${S}*${DASH}${S}*(${VERB})${S}+([^,—–]{1,90}?)${S}*[,.]${S}*${DASH}${S}*([\\s\\S]+)$`, 'iu');
  const colon = new RegExp(`(${VERB})${NL}([^.!?«»:\\n]{0,60}):${S}*$`, 'iu');
  const poSlovam = new RegExp(`${PL}по${S}+словам${S}+([^,.!?«»\\n]{1,90}?)${S}*,${S}*$`, 'iu');
  for (const p of pieces) {
    const content = text.slice(p.start, p.end);
    if (wordCount(content) < 2) continue; // a quoted name («Взаимодействие-2024», «Талибан»)
    const lineStart = text.lastIndexOf('\n', p.open - 1) + 1;
    const before = text.slice(lineStart, p.open);
    const afterEnd = Math.min(text.length, p.close + 200);
    const after = text.slice(p.close, afterEnd);
    let spans: [number, number][] = [[p.start, p.end]];
    let ref: RuSpeakerRef | null = null;
    let extentEnd = p.close;
    // «A, — сказал X, — B»
    const im = inner.exec(content);
    if (im) {
      const vStart = p.start + im[1]!.length + content.slice(im[1]!.length).indexOf(im[2]!);
      const r = npAfter(text, vStart + im[2]!.length, p.start + content.length - im[4]!.length);
      if (r && resolver.isSpeakerLike(r)) {
        ref = r;
        spans = [
          [p.start, p.start + im[1]!.length - 1],
          [p.end - im[4]!.length, p.end],
        ];
      }
    }
    // «...», — сказал X.   /   «...», — X сказал.
    if (!ref) {
      const av = afterVerb.exec(after);
      if (av) {
        const r = npAfter(text, p.close + av[0].length, afterEnd);
        if (r && resolver.isSpeakerLike(r)) {
          ref = r;
          extentEnd = r.end;
        }
      }
    }
    if (!ref) {
      const an = afterNp.exec(after);
      if (an) {
        const at = p.close + an[0].indexOf(an[1]!);
        const r: RuSpeakerRef = { phrase: an[1]!.trim(), start: at, end: at + an[1]!.trim().length };
        if (resolver.isSpeakerLike(r)) {
          ref = r;
          extentEnd = p.close + an[0].length;
        }
      }
    }
    // X заявил (журналистам): «...»   /   По словам X, «...»
    let extentStart = p.open;
    if (!ref) {
      const cm = colon.exec(before);
      if (cm) {
        const vAt = lineStart + cm.index;
        const r = npBefore(text, vAt, lineStart);
        if (r && resolver.isSpeakerLike(r)) {
          ref = r;
          extentStart = r.start;
        }
      }
    }
    if (!ref) {
      const ps = poSlovam.exec(before);
      if (ps) {
        const at = lineStart + ps.index + ps[0].indexOf(ps[1]!, 'по словам'.length);
        const r: RuSpeakerRef = { phrase: ps[1]!, start: at, end: at + ps[1]!.length };
        ref = r;
        extentStart = lineStart + ps.index;
      }
    }
    if (!ref) continue;
    out.push({ kind: 'quote', pieces: spans, ref, anchor: ref.start, extentStart, extentEnd });
  }
  return out;
}

const DATELINE = /^[\p{Lu}][\p{Lu}\s.-]*(?:,\s*\d{1,2}\s+\p{L}+\.?(?:\s*\/[^/\n]{1,20}\/\.?)?|\.\s*[\p{Lu}-]+\s*[—–-]|,\s*[\p{L}.\d]+\s*[—–-])\s*/u;

function reportedDrafts(text: string, sentences: SentenceSpan[], resolver: RuSpeakerResolver, taken: (a: number, b: number) => boolean): Draft[] {
  const out: Draft[] = [];
  const thatRe = new RegExp(`${PL}(${VERB})${NL}([^,.!?«»\\n]{0,60}),${S}*что${S}+`, 'iu');
  const poSlovam = new RegExp(`${PL}по${S}+(?:словам|мнению)${S}+([^,.!?«»\\n]{1,90}?)${S}*,${S}*`, 'iu');
  const poHis = new RegExp(`^по${S}+(его|её|ее)${S}+(?:словам|мнению)${S}*,${S}*`, 'iu');
  const kak = new RegExp(`${PL}как${S}+(${VERB})${NL}`, 'iu');
  const trailing = new RegExp(`,${S}*(?:${DASH}${S}*)?(${VERB})${NL}`, 'giu');
  const colon = new RegExp(`${PL}(${VERB})${NL}([^.!?«»:\\n]{0,40}):${S}+(?=[^«„"\\s])`, 'iu');
  for (const s of sentences) {
    if (isHeadingSentence(text, s) || taken(s.start, s.end)) continue;
    let contentEnd = s.end;
    while (contentEnd > s.start && /[.!?…\s\u00a0]/u.test(text[contentEnd - 1]!)) contentEnd--;
    const sText = text.slice(s.start, contentEnd);
    if (/[«„"]/u.test(sText)) continue; // quotations are the quote extractor's
    const push = (ref: RuSpeakerRef | null, a: number, b: number) => {
      if (!ref || !resolver.isSpeakerLike(ref)) return false;
      const body = text.slice(a, b);
      if (wordCount(body) < 3) return false;
      out.push({ kind: 'reported', pieces: [[a, b]], ref, anchor: ref.start, extentStart: s.start, extentEnd: s.end });
      return true;
    };
    // По словам X, CLAUSE.   /   По его словам, CLAUSE.
    const ps = poSlovam.exec(sText);
    if (ps) {
      const at = s.start + ps.index + ps[0].indexOf(ps[1]!, 'по словам'.length);
      const phrase = ps[1]!.trim();
      const pron = /^(?:его|её|ее)$/iu.test(phrase);
      const ref = { phrase: pron ? (phrase === 'его' ? 'он' : 'она') : phrase, start: at, end: at + phrase.length };
      const cStart = s.start + ps.index + ps[0].length;
      const cEnd = ps.index === 0 ? contentEnd : s.start + ps.index;
      if (ps.index === 0 ? push(ref, cStart, cEnd) : push(ref, s.start + (DATELINE.exec(sText)?.[0].length ?? 0), s.start + ps.index - (text[s.start + ps.index - 2] === ',' ? 2 : 0))) continue;
    }
    // По его (её) словам, CLAUSE.
    const ph = poHis.exec(sText);
    if (ph) {
      const at = s.start + ph.index + ph[0].indexOf(ph[1]!, 2);
      const ref = { phrase: ph[1]!.toLowerCase() === 'его' ? 'он' : 'она', start: at, end: at + ph[1]!.length };
      if (push(ref, s.start + ph.index + ph[0].length, contentEnd)) continue;
    }
    // Как сообщает X, CLAUSE.
    const km = kak.exec(sText);
    if (km) {
      const vEnd = s.start + km.index + km[0].length;
      const ref = npAfter(text, vEnd, contentEnd);
      if (ref && text[ref.end] === ',' && push(ref, ref.end + 1, contentEnd)) continue;
    }
    // X заявил (журналистам), что CLAUSE.
    const tm = thatRe.exec(sText);
    if (tm) {
      const vAt = s.start + tm.index;
      const ref = npBefore(text, vAt, s.start + (DATELINE.exec(sText)?.[0].length ?? 0));
      if (push(ref, vAt + tm[0].length, contentEnd)) continue;
    }
    // X заявил: CLAUSE.
    const cm = colon.exec(sText);
    if (cm) {
      const vAt = s.start + cm.index;
      const ref = npBefore(text, vAt, s.start + (DATELINE.exec(sText)?.[0].length ?? 0));
      if (push(ref, vAt + cm[0].length, contentEnd)) continue;
    }
    // CLAUSE, (—) сообщил X.
    const all = [...sText.matchAll(trailing)];
    const last = all[all.length - 1];
    if (last) {
      const vEnd = s.start + last.index + last[0].length;
      const ref = npAfter(text, vEnd, contentEnd);
      if (ref && ref.end >= contentEnd - 1) {
        const cStart = s.start + (DATELINE.exec(sText)?.[0].length ?? 0);
        push(ref, cStart, s.start + last.index);
      }
    }
  }
  return out;
}

/** Statements of a Russian text, in text order, with speakers resolved. */
export function extractRuStatements(text: string, sentences: SentenceSpan[], mentions: MentionIn[], entities: Map<string, EntityInfo>): ExtractedStatement[] {
  const resolver = new RuSpeakerResolver(text, mentions, entities);
  const pieces = ruQuotePieces(text);
  const quotes = quoteDrafts(text, pieces, resolver);
  const used = quotes.map((d) => [d.extentStart, d.extentEnd] as const);
  const taken = (a: number, b: number) => used.some(([x, y]) => a < y && x < b);
  const drafts = [...quotes, ...reportedDrafts(text, sentences, resolver, taken)].sort((a, b) => a.anchor - b.anchor);
  resolver.setExcluded(drafts.flatMap((d) => d.pieces));
  const out: ExtractedStatement[] = [];
  for (const d of drafts) {
    const sp: RuResolved = resolver.resolve(d.ref, d.anchor);
    resolver.record(d.anchor, sp.speakerId);
    const idx = sentencesOverlapping(sentences, d.extentStart, d.extentEnd);
    const first = idx.length ? sentences[idx[0]!]! : null;
    const last = idx.length ? sentences[idx[idx.length - 1]!]! : null;
    const inside = d.pieces.flatMap(([a, b]) => mentionsIn(mentions, a, b)).sort((a, b) => a.start - b.start);
    out.push({
      kind: d.kind,
      text: d.pieces.map(([a, b]) => clean(text.slice(a, b))).join(' … '),
      start: first ? Math.min(first.start, d.extentStart) : d.extentStart,
      end: last ? Math.max(last.end, d.extentEnd) : d.extentEnd,
      sentenceIndexes: idx,
      ...sp,
      entityIds: uniq(inside.map((m) => m.entityId)),
    });
  }
  const seen = new Set<string>();
  return out
    .sort((a, b) => a.start - b.start)
    .filter((s) => {
      const k = `${s.kind}|${s.speakerId ?? s.speakerName}|${normPhrase(s.text)}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}
