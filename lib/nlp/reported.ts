// Reported (indirect) statements: "Lavrov stressed that ...", "He also noted that ...",
// "X said the CSTO ...", "Лавров подчеркнул, что ...", and trailing attributions
// ("..., Belarusian Ambassador to Russia Igor Petrishenko told TASS on Wednesday.").
import nlp from 'compromise';
import { OBJECT_AFTER_RE, OBJECT_VERB_RE, SPEECH_VERB_ALT, type StatementDraft } from './common';
import { cleanText, type QuotePiece } from './quotes';
import { npBefore, type SpeakerResolver } from './speakers';
import type { SentenceSpan } from './sentences';

const NOT_LETTER = '(?![\\p{L}\\p{N}_])';
/** Words after the verb that show no reported clause follows ("said at the conference", "said this"). */
const NO_CLAUSE = /^(?:in|at|on|to|this|so|with|during|after|before|by|from|for|of|about|when|while|as|earlier|later|yesterday|today|on|here|there|nothing|something|only|in a|tass|reporters|journalists)$/i;
/** Verbs that can introduce a reported clause without "that". */
const NO_THAT_VERBS = /^(?:said|says|believes|believed|calls|called|called for|calls for|called on|calls on|urged|urges|warned|warns|announced|announces|reported|reports|added|adds|stated|states|noted|notes|stressed|stresses|emphasized|emphasised|explained|confirmed|insisted|argued|claimed|believes|predicted|считает|уверен|уверена)$/;
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
      const nextWord = (/^[\s\u00a0]+([\p{L}'-]+)/u.exec(after) ?? [])[1] ?? '';
      const objectOk = OBJECT_VERB_RE.test(verb) && OBJECT_AFTER_RE.test(nextWord) && !/^(?:to|in|at|on|with)$/i.test(nextWord) || /^(?:spoke|speaks)$/.test(verb) && /^(?:of|about)$/.test(nextWord) || /^(?:drew|draws) attention$/.test(verb) && nextWord === 'to';
      if (that && wordCount(that[1]!) <= 10 && !/^[\s\u00a0]*(?:the|a|an|this|its|his|her)\s+(?:importance|significance|need|role|fact)[\s\u00a0]*$/i.test(that[1]!) && !/(?:^|\s)(?:and|but)(?:\s|$)/.test(that[1]!)) cStart = ve + that[0].length;
      else if (chto) cStart = ve + chto[0].length;
      else if (/^(?:told|tells)$/.test(verb)) continue;
      else {
        // "X said the CSTO should ...": only verbs that take a bare clause, and a clause with a verb
        const nw = /^[\s\u00a0]+([\p{L}]+)/u.exec(after);
        const bare = NO_THAT_VERBS.test(verb) && nw && !NO_CLAUSE.test(nw[1]!) &&
          !(/^(?:said|says|believes|believed|считает|added|adds|noted|notes|stressed|stresses|emphasized|emphasised|announced|announces|reported|reports|stated|states|explained|confirmed|insisted|argued|claimed|predicted)$/.test(verb) && !nlp(after).has('#Verb'));
        // "praised the readiness of ...", "expressed concern about ...": the verb and its object
        if (!bare && objectOk) cStart = vs;
        else if (!bare) continue;
        else cStart = ve + (/^[\s\u00a0]+/.exec(after)![0].length);
      }
      if (cStart < 0 || cStart >= contentEnd) continue;
      if (/^["“«„‘']/.test(text[cStart]!) && quotedShare(cStart, contentEnd) > 0.5) continue; // a quotation: handled by the quote extractor
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
    // 1b. "According to NP, CLAUSE." / "CLAUSE, according to NP."
    const acc = /^(?:[\p{Lu}][\p{Lu}\s.'-]+,[^.]{0,40}?\.\s*(?:\/[^/]+\/\.?\s*)?)?(?:according to|as reported by|citing)[\s\u00a0]+([^,;:"“”«»]{2,90}?)[\s\u00a0]*,[\s\u00a0]+/iu.exec(sText);
    const accTail = /,[\s\u00a0]+(?:according to|citing)[\s\u00a0]+([^,;:"“”«»]{2,90}?)[\s\u00a0]*$/iu.exec(text.slice(s.start, contentEnd));
    for (const [am, tail] of [[acc, false], [accTail, true]] as const) {
      if (!am || done) continue;
      const rs = s.start + am.index + am[0].indexOf(am[1]!, am[0].search(/according to|as reported by|citing/i));
      const ref = { phrase: am[1]!.trim(), start: rs, end: rs + am[1]!.trim().length };
      if (inQuote(rs) || !resolver.isSpeakerLike(ref) && !/(?:ministry|service|office|secretariat|staff|agency|council|committee|department|source|statement|report|data|information)\b/i.test(ref.phrase)) continue;
      let cStart = tail ? s.start : s.start + am.index + am[0].length;
      const cEnd = tail ? s.start + am.index : contentEnd;
      if (tail) {
        const dl = DATELINE_PREFIX.exec(text.slice(s.start, cEnd));
        if (dl && /\/\s*$|\/\.\s*$|\)\s*,?\s*$/.test(dl[0].trimEnd())) cStart += dl[0].length;
      }
      if (quotedShare(cStart, cEnd) > 0.5) continue;
      const body = cleanText(text.slice(cStart, cEnd));
      if (wordCount(body) < 4) continue;
      out.push({ kind: 'reported', pieces: [[cStart, cEnd]], text: body, ref, anchor: ref.start, extentStart: s.start, extentEnd: s.end });
      done = true;
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
      if (/["“”«»„]/.test(text.slice(cStart, cEnd)) || quotedShare(cStart, cEnd) > 0.3) continue;
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
