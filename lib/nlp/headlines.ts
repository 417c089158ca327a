// Headline attributions: "CSTO should focus on militants - Lavrov", "... — top diplomat",
// "Lavrov: CSTO is ready to help", "Belarusian diplomat calls recruitment the CSTO's priority".
// A headline's speaker is often named only by role; it resolves against the people named after it.
import { SPEECH_VERB_ALT, type StatementDraft } from './common';
import { cleanText } from './quotes';
import type { SentenceSpan } from './sentences';
import type { SpeakerRef, SpeakerResolver } from './speakers';

const PREFIX = /^(?:(?:UPDATE|UPDATED|BREAKING(?: NEWS)?|EXCLUSIVE|VIDEO|PHOTO|INTERVIEW|OPINION|ANALYSIS|LIVE)\s*\d*\s*[-:—–|]\s*)+/i;
const VERB_RE = new RegExp(`^(.{2,60}?)\\s+(${SPEECH_VERB_ALT})(?![\\p{L}\\p{N}_])\\s+(.{8,})$`, 'u');
const wordCount = (s: string): number => s.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

function speakerOk(resolver: SpeakerResolver, ref: SpeakerRef): boolean {
  if (/[,;]/.test(ref.phrase) || wordCount(ref.phrase) > 7 || wordCount(ref.phrase) < 1) return false;
  if (!resolver.isSpeakerLike(ref)) return false;
  // a country alone ("... - Russia, Armenia") is a list, not a speaker
  const r = resolver.resolveForward(ref, ref.start);
  return !!r.speakerId || /(?:diplomat|minister|official|envoy|ambassador|chief|head|secretary|general|spokes\w+|president|leader|ministry|service|secretariat|staff|expert|source|mp|deputy|lawmaker|commander|kremlin|agency)$/i.test(ref.phrase.trim());
}

export function headlineDrafts(text: string, headings: SentenceSpan[], resolver: SpeakerResolver): StatementDraft[] {
  const out: StatementDraft[] = [];
  for (const h of headings) {
    const raw = text.slice(h.start, h.end);
    const pre = PREFIX.exec(raw);
    const off = h.start + (pre ? pre[0].length : 0);
    const line = text.slice(off, h.end);
    const push = (cs: number, ce: number, ref: SpeakerRef): void => {
      const body = cleanText(text.slice(cs, ce)).replace(/^["“«‘']|["”»’']$/g, '');
      if (wordCount(body) < 3) return;
      out.push({ kind: 'reported', pieces: [[cs, ce]], text: body, ref, anchor: h.start, extentStart: h.start, extentEnd: h.end, forward: true });
    };
    // "... - Lavrov" / "... — top diplomat"
    const dash = /^(.{12,}?)\s+[-—–]\s+([^-—–]{2,60})$/u.exec(line);
    if (dash) {
      const s2 = off + dash[0].lastIndexOf(dash[2]!);
      const ref = { phrase: dash[2]!.trim(), start: s2, end: s2 + dash[2]!.trim().length };
      if (speakerOk(resolver, ref)) {
        push(off, off + dash[1]!.length, ref);
        continue;
      }
    }
    // "Lavrov: CSTO is ready ..."
    const colon = /^([^:]{2,60}):\s+(.{12,})$/u.exec(line);
    if (colon) {
      const ref = { phrase: colon[1]!.trim(), start: off, end: off + colon[1]!.trim().length };
      if (wordCount(colon[2]!) >= 4 && speakerOk(resolver, ref)) {
        push(off + colon[0].length - colon[2]!.length, h.end, ref);
        continue;
      }
    }
    // "Zas says CSTO ready to ...", "Belarusian diplomat calls ..."
    const vm = VERB_RE.exec(line);
    if (vm) {
      const ph = vm[1]!.trim().replace(/\s+(?:also|again|further|now|then)$/i, '');
      const ref = { phrase: ph, start: off, end: off + ph.length };
      if (speakerOk(resolver, ref)) {
        const verb = vm[2]!.toLowerCase();
        const cs = /^(?:says|said|tells|told)$/.test(verb) ? off + vm[0].length - vm[3]!.length : off + vm[1]!.length + 1;
        push(cs, h.end, ref);
      }
    }
  }
  return out;
}
