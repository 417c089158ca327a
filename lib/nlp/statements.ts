// Statement extraction: transcripts (remarks/answers), direct quotations and reported speech,
// then speaker resolution in text order (so "he" and "the minister" refer back correctly).
import { mentionsIn, normPhrase, uniq, type EntityInfo, type ExtractOptions, type MentionIn, type StatementDraft } from './common';
import { headlineDrafts } from './headlines';
import { transcriptDrafts } from './qa';
import { quoteDrafts } from './quotes';
import { reportedDrafts } from './reported';
import { isHeadingSentence, sentencesOverlapping, type SentenceSpan } from './sentences';
import { SpeakerResolver, type ResolvedSpeaker } from './speakers';

export interface ExtractedStatement {
  kind: 'quote' | 'reported' | 'answer';
  /** The words said: inside the quotation marks (pieces joined), the reported clause, the answer. */
  text: string;
  /** Offsets of the sentence(s) holding the statement, attribution included. */
  start: number;
  end: number;
  sentenceIndexes: number[];
  speakerId: string | null;
  /** The entity's name when resolved, else the phrase as written ("the diplomat"). */
  speakerName: string | null;
  /** The phrase at the attribution ("the Russian foreign minister", "he", "Lavrov"). */
  speakerMention: string | null;
  /** Entities mentioned inside the words said. */
  entityIds: string[];
}

/**
 * Headings (whole lines without final punctuation, e.g. news titles "... - Lavrov") are not
 * searched for statements: they repeat the body in editors' words.
 */
export function extractStatements(
  text: string,
  sentences: SentenceSpan[],
  mentions: MentionIn[],
  entities: Map<string, EntityInfo>,
  opts: ExtractOptions = {},
): ExtractedStatement[] {
  const resolver = new SpeakerResolver(text, mentions, entities, opts);
  const tr = transcriptDrafts(text, mentions, entities);
  const headings = sentences.filter((s) => isHeadingSentence(text, s)).map((s) => [s.start, s.end] as [number, number]);
  const skipSpans = [...tr.covered, ...headings];
  const skip = (pos: number): boolean => skipSpans.some(([a, b]) => pos >= a && pos < b);
  const q = quoteDrafts(text, sentences, resolver, skip);
  const r = reportedDrafts(text, sentences, resolver, skip, q.pieces);
  const h = headlineDrafts(text, sentences.filter((x) => isHeadingSentence(text, x) && !tr.covered.some(([a, b]) => x.start >= a && x.start < b)), resolver);
  // a short quotation inside reported speech ("warned of what he called 'a serious threat'") is part of it
  const inReported = (d: StatementDraft): boolean =>
    d.pieces.every(([a, b]) => r.some((x) => x.pieces.some(([c, e]) => a >= c && b <= e + 1))) && d.text.split(/\s+/).length <= 12;
  const drafts: StatementDraft[] = [...tr.drafts, ...q.drafts.filter((d) => !inReported(d)), ...r, ...h].sort((a, b) => a.anchor - b.anchor);
  resolver.setExcluded(drafts.flatMap((d) => d.pieces));

  const out: ExtractedStatement[] = [];
  let prev: { d: StatementDraft; sp: ResolvedSpeaker } | null = null;
  for (const d of drafts) {
    let sp: ResolvedSpeaker;
    if (d.fixedSpeakerId !== undefined) {
      const e = d.fixedSpeakerId ? entities.get(d.fixedSpeakerId) : undefined;
      sp = { speakerId: d.fixedSpeakerId, speakerName: e?.name ?? d.ref?.phrase ?? null, speakerMention: d.ref?.phrase ?? null };
    } else if (d.inherit) {
      sp = prev && d.extentStart - prev.d.extentEnd < 400
        ? { ...prev.sp, speakerMention: null }
        : { speakerId: null, speakerName: null, speakerMention: null };
    } else if (d.forward && d.ref) sp = resolver.resolveForward(d.ref, d.anchor);
    else sp = resolver.resolve(d.ref, d.anchor);
    if (!d.forward) resolver.record(d.anchor, sp.speakerId);
    prev = { d, sp };
    const idx = sentencesOverlapping(sentences, d.extentStart, d.extentEnd);
    const first = idx.length ? sentences[idx[0]!]! : null;
    const last = idx.length ? sentences[idx[idx.length - 1]!]! : null;
    const inside = d.pieces.flatMap(([a, b]) => mentionsIn(mentions, a, b)).sort((a, b) => a.start - b.start);
    out.push({
      kind: d.kind,
      text: d.text,
      start: first ? Math.min(first.start, d.extentStart) : d.extentStart,
      end: last ? Math.max(last.end, d.extentEnd) : d.extentEnd,
      sentenceIndexes: idx,
      ...sp,
      entityIds: uniq(inside.map((m) => m.entityId)),
    });
  }
  // the same words by the same speaker twice (a repeated paragraph) count once
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
