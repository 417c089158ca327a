// Reported (indirect) statements: "Lavrov stressed that ...", "He also noted that ...",
// "X said the CSTO ...", "Лавров подчеркнул, что ...", and trailing attributions
// ("..., Belarusian Ambassador to Russia Igor Petrishenko told TASS on Wednesday.").
import nlp from 'compromise';
import { SPEECH_VERB_ALT, type StatementDraft } from './common';
import { cleanText, type QuotePiece } from './quotes';
import { npBefore, type SpeakerResolver } from './speakers';
import type { SentenceSpan } from './sentences';

const NOT_LETTER = '(?![\\p{L}\\p{N}_])';
/** Words after the verb that show no reported clause follows ("said at the conference", "said this"). */
const NO_CLAUSE = /^(?:in|at|on|to|this|so|with|during|after|before|by|from|for|of|about|when|while|as|earlier|later|yesterday|today|on|here|there|nothing|something|only|in a|tass|reporters|journalists)$/i;
/** Verbs that can introduce a reported clause without "that". */
const NO_THAT_VERBS = /^(?:said|says|believes|believed|calls|called|called for|calls for|called on|calls on|urged|urges|warned|warns|считает|уверен|уверена)$/;
/** "MOSCOW, March 30. /TASS/. " */
const DATELINE_PREFIX = /^\p{Lu}[\p{Lu}\s.'-]+(?:\([^)]*\))?,?\s+(?:\p{L}+\.?\s+\d{1,2}\.\s*)?(?:\/\s*[\p{L}\s-]+\s*\/\.?\s*)?/u;

const wordCount = (s: string): number => s.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

export function reportedDrafts(
  text: string,
  sentences: SentenceSpan[],
  resolver: SpeakerResolver,
  skip: (pos: number) => boolean,
  quotePieces: QuotePiece[],
): StatementDraft[] {
  const out: StatementDraft[] = [];
  const inQuote = (pos: number): boolean => quotePieces.some((p) => pos >= p.open && pos < p.close);
  const quotedShare = (a: number, b: number): number => {
    let n = 0;
    for (const p of quotePieces) n += Math.max(0, Math.min(b, p.close) - Math.max(a, p.open));
    return b > a ? n / (b - a) : 0;
  };
  const verbRe = new RegExp(`(?<![\\p{L}\\p{N}_])(${SPEECH_VERB_ALT})${NOT_LETTER}`, 'gu');

  for (const s of sentences) {
    if (skip(s.start)) continue;
    const sText = text.slice(s.start, s.end);
    let contentEnd = s.end;
    while (contentEnd > s.start && /[.!?…\s]/.test(text[contentEnd - 1]!)) contentEnd--;
    const verbs: RegExpExecArray[] = [];
    verbRe.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = verbRe.exec(sText))) verbs.push(m);
    let done = false;
    // 1. "NP VERB (that) CLAUSE"
    for (const v of verbs) {
      const vs = s.start + v.index;
      const ve = vs + v[0].length;
      if (inQuote(vs)) continue;
      const ref = npBefore(text, vs, s.start);
      if (!ref || inQuote(ref.start) || !resolver.isSpeakerLike(ref)) continue;
      const after = text.slice(ve, contentEnd);
      const verb = v[1]!.toLowerCase().replace(/\s+/g, ' ');
      let cStart = -1;
      const that = /^([^.;"“”«»]{0,80}?)[\s\u00a0]+that[\s\u00a0]+/iu.exec(after);
      const chto = /^[\s\u00a0]*,[\s\u00a0]*что[\s\u00a0]+/iu.exec(after);
      if (that && wordCount(that[1]!) <= 10) cStart = ve + that[0].length;
      else if (chto) cStart = ve + chto[0].length;
      else if (/^(?:told|tells)$/.test(verb)) continue;
      else {
        // "X said the CSTO should ...": only verbs that take a bare clause, and a clause with a verb
        if (!NO_THAT_VERBS.test(verb)) continue;
        const nw = /^[\s\u00a0]+([\p{L}]+)/u.exec(after);
        if (!nw || NO_CLAUSE.test(nw[1]!)) continue;
        if (/^(?:said|says|believes|believed|считает)$/.test(verb) && !nlp(after).has('#Verb')) continue;
        cStart = ve + (/^[\s\u00a0]+/.exec(after)![0].length);
      }
      if (cStart < 0 || cStart >= contentEnd) continue;
      if (/^["“«„]/.test(text[cStart]!)) continue; // a quotation: handled by the quote extractor
      if (quotedShare(cStart, contentEnd) > 0.5) continue;
      const body = cleanText(text.slice(cStart, contentEnd));
      if (wordCount(body) < 3) continue;
      out.push({
        kind: 'reported', pieces: [[cStart, contentEnd]], text: body, ref, anchor: ref.start,
        extentStart: s.start, extentEnd: s.end,
      });
      done = true;
      break;
    }
    if (done) continue;
    // 2. "CLAUSE, NP VERB (to TASS on Wednesday)."
    for (let k = verbs.length - 1; k >= 0; k--) {
      const v = verbs[k]!;
      const vs = s.start + v.index;
      if (inQuote(vs)) continue;
      const ref = npBefore(text, vs, s.start);
      if (!ref || !resolver.isSpeakerLike(ref)) continue;
      const before = text.slice(s.start, ref.start);
      const cm = /,[\s\u00a0]*$/.exec(before);
      if (!cm) continue;
      if (/(?:^|\s)that\s/.test(text.slice(vs, s.end))) continue;
      let cStart = s.start;
      const dl = DATELINE_PREFIX.exec(text.slice(s.start, ref.start));
      if (dl && /\/\s*$|\/\.\s*$|\)\s*,?\s*$/.test(dl[0].trimEnd()) ) cStart += dl[0].length;
      const cEnd = s.start + cm.index;
      if (/["“”«»„]/.test(text.slice(cStart, cEnd))) continue;
      const body = cleanText(text.slice(cStart, cEnd));
      if (wordCount(body) < 4) continue;
      out.push({
        kind: 'reported', pieces: [[cStart, cEnd]], text: body, ref, anchor: ref.start,
        extentStart: s.start, extentEnd: s.end,
      });
      break;
    }
  }
  return out;
}
