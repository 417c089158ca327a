// Transcripts: "X's remarks and answers to questions" documents. The person named in the title is
// the document's main speaker; paragraphs of remarks before the first question are statements of
// kind 'quote' (verbatim transcript words, one per paragraph); each answer ("Sergey Lavrov: ...",
// possibly several paragraphs, up to the next "Question:") is ONE statement of kind 'answer'.
// Questions are not statements (the journalists are not identified).
import { isBoilerplateLine, normPhrase, type EntityInfo, type MentionIn, type StatementDraft } from './common';
import { cleanText } from './quotes';

export interface TranscriptResult {
  drafts: StatementDraft[];
  /** Spans handled here (remarks, questions, answers): no quote/reported extraction inside. */
  covered: [number, number][];
  mainSpeakerId: string | null;
}

interface Para {
  start: number;
  end: number;
}

function paragraphs(text: string): Para[] {
  const out: Para[] = [];
  const re = /[^\n]*(?:\n(?![\s\u00a0]*\n)[^\n]*)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    let s = m.index;
    let e = m.index + m[0].length;
    while (s < e && /[\s\u00a0]/.test(text[s]!)) s++;
    while (e > s && /[\s\u00a0]/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

const TITLE_KIND = /^[’'`]s\s+(?:opening\s+|introductory\s+|closing\s+)?(?:remarks|speech|address|statement|answers|interview|comments|news conference|press conference|briefing)\b/iu;
const QUESTION_LABEL = /^(?:question|q|вопрос)\s*:\s*/iu;
const ANSWER_LABEL = /^([^:\n]{1,80}?)\s*:\s+/u;
/** A speaker label: "Vladimir Putin", "V. Putin", "PUTIN", "Mr Zas", "President of Kazakhstan Kassym-Jomart Tokayev". */
const NAME_LABEL = /^(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(?:\p{Lu}\.\s?){0,2}\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+){0,3}$/u;
const NOT_LABEL = /^(?:the|this|that|note|notes|source|sources|photo|photos|tags?|read|also|update|updated|website|video|related|see|share|editor|editor's note|background|reference|attention|important|quote|topic|subject|agenda|comment|comments|link|links|date|time|place|location|venue|title|results?|summary|conclusion|warning|disclaimer|copyright|contacts?|email|tel|phone|fax|address)(?:\s|$)/i;
/** Labels of whoever asks the questions. */
const INTERVIEWER = /^(?:q|question|correspondent|journalist|reporter|interviewer|moderator|host|presenter|tass|ria novosti|sputnik|interfax|belta|kazinform|akipress|24\.kg|asia-plus|izvestia|kommersant|rt)$/i;
const ROLE_PREFIX = /^(?:[\p{L}’'-]+\s+){0,6}$/u;

const speechLike = (t: string): boolean =>
  !isBoilerplateLine(t) && t.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= 8 && /[.!?…"”»]$/.test(t);

export function transcriptDrafts(
  text: string,
  mentions: MentionIn[],
  entities: Map<string, EntityInfo>,
): TranscriptResult {
  const none: TranscriptResult = { drafts: [], covered: [], mainSpeakerId: null };
  const paras = paragraphs(text);
  // main speaker: a person mention directly followed by "'s remarks/answers/..." in the first paragraphs
  let main: MentionIn | null = null;
  let titleEnd = 0;
  for (const p of paras.slice(0, 4)) {
    for (const m of mentions) {
      if (m.start < p.start || m.end > p.end) continue;
      if (entities.get(m.entityId)?.type !== 'person') continue;
      if (!TITLE_KIND.test(text.slice(m.end, p.end))) continue;
      const lead = text.slice(p.start, m.start).trim();
      if (lead.split(/\s+/).filter(Boolean).length > 5) continue;
      main = m;
      titleEnd = p.end;
      break;
    }
    if (main) break;
  }
  const personIn = (a: number, b: number): MentionIn | undefined =>
    mentions.find((m) => m.start >= a && m.end <= b && entities.get(m.entityId)?.type === 'person');
  const mainEntity = main ? entities.get(main.entityId) : undefined;
  const mainSurname = mainEntity ? normPhrase(mainEntity.name).split(' ').slice(-1)[0] : null;

  // speakerId undefined: a name label the registry lacks, resolved later like any speaker phrase
  type Label = { para: Para; kind: 'q' | 'a'; bodyStart: number; speakerId: string | null | undefined; labelStart: number; labelEnd: number };
  const labels: Label[] = [];
  for (const p of paras) {
    const t = text.slice(p.start, p.end);
    const q = QUESTION_LABEL.exec(t);
    if (q) {
      labels.push({ para: p, kind: 'q', bodyStart: p.start + q[0].length, speakerId: null, labelStart: p.start, labelEnd: p.start });
      continue;
    }
    const a = ANSWER_LABEL.exec(t);
    if (!a) continue;
    const labelEnd = p.start + a[1]!.length;
    const pm = personIn(p.start, labelEnd);
    const lab = normPhrase(a[1]!);
    const isAnswerWord = /^(?:answer|a|ответ)$/.test(lab);
    const isMain = !!mainSurname && lab.split(' ').slice(-1)[0] === mainSurname;
    // an interviewer ("TASS:", "Correspondent:") asks; a question is a paragraph ending in "?"
    const body = t.slice(a[0].length).trim();
    if (INTERVIEWER.test(a[1]!.trim()) || (!pm && !isMain && /\?["”»]?$/.test(body) && NAME_LABEL.test(a[1]!.trim()))) {
      labels.push({ para: p, kind: 'q', bodyStart: p.start + a[0].length, speakerId: null, labelStart: p.start, labelEnd: p.start });
      continue;
    }
    const nameLike = NAME_LABEL.test(a[1]!.trim()) && !NOT_LABEL.test(a[1]!.trim());
    if (!pm && !isAnswerWord && !isMain && !nameLike) continue;
    // the label is the whole name, not a sentence with a colon
    if (a[1]!.split(/\s+/).length > 7 || (!pm && a[1]!.split(/\s+/).length > 5)) continue;
    if (pm && a[1]!.split(/\s+/).length > 5 && !ROLE_PREFIX.test(text.slice(p.start, pm.start))) continue;
    labels.push({
      para: p, kind: 'a', bodyStart: p.start + a[0].length,
      speakerId: pm ? pm.entityId : isAnswerWord || isMain ? (main ? main.entityId : null) : undefined, labelStart: p.start, labelEnd,
    });
  }
  const answers = labels.filter((l) => l.kind === 'a');
  if (!main && !answers.length) return none;
  // a transcript: questions and answers, or at least two turns by labelled speakers ("Vladimir Putin: ...")
  if (!main && !labels.some((l) => l.kind === 'q') && (answers.length < 2 || !answers.some((l) => l.speakerId))) return none;

  const drafts: StatementDraft[] = [];
  const covered: [number, number][] = [];
  const mainRef = main ? { phrase: text.slice(main.start, main.end), start: main.start, end: main.end } : null;

  // remarks: speech-like paragraphs between the title and the first label
  if (main) {
    const firstLabel = labels[0]?.para.start ?? text.length;
    const rem = paras.filter((p) => p.start >= titleEnd && p.end <= firstLabel);
    for (const p of rem) {
      const t = text.slice(p.start, p.end);
      if (!speechLike(t)) continue;
      drafts.push({
        kind: 'quote', pieces: [[p.start, p.end]], text: cleanText(t), ref: mainRef,
        fixedSpeakerId: main.entityId, anchor: p.start, extentStart: p.start, extentEnd: p.end,
      });
    }
    if (rem.length) covered.push([rem[0]!.start, rem[rem.length - 1]!.end]);
  }
  // questions and answers
  labels.forEach((l, k) => {
    const stop = labels[k + 1]?.para.start ?? text.length;
    let body = paras.filter((p) => p.start >= l.para.start && p.end <= stop);
    // drop trailing capture leftovers
    while (body.length > 1) {
      const last = body[body.length - 1]!;
      const t = text.slice(last.start, last.end);
      if (isBoilerplateLine(t) || !/[.!?…"”»]$/.test(t)) body = body.slice(0, -1);
      else break;
    }
    if (!body.length) return;
    const end = body[body.length - 1]!.end;
    covered.push([l.para.start, end]);
    if (l.kind !== 'a') return;
    const t = cleanText(text.slice(l.bodyStart, end));
    if (!t) return;
    const afterQuestion = labels.slice(0, k).reverse().find(() => true)?.kind === 'q';
    drafts.push({
      kind: afterQuestion || (main && labels.some((x) => x.kind === 'q')) ? 'answer' : 'quote', pieces: [[l.bodyStart, end]], text: t,
      ref: { phrase: text.slice(l.labelStart, l.labelEnd), start: l.labelStart, end: l.labelEnd },
      fixedSpeakerId: l.speakerId, anchor: l.bodyStart, extentStart: l.bodyStart, extentEnd: end,
    });
  });
  return { drafts, covered, mainSpeakerId: main ? main.entityId : null };
}
