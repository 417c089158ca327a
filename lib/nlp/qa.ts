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
const ANSWER_LABEL = /^([^:\n]{1,60}?)\s*:\s+/u;

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

  type Label = { para: Para; kind: 'q' | 'a'; bodyStart: number; speakerId: string | null; labelStart: number; labelEnd: number };
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
    if (!pm && !isAnswerWord && !isMain) continue;
    // the label is the whole name, not a sentence with a colon
    if (a[1]!.split(/\s+/).length > 5) continue;
    labels.push({
      para: p, kind: 'a', bodyStart: p.start + a[0].length,
      speakerId: pm ? pm.entityId : main ? main.entityId : null, labelStart: p.start, labelEnd,
    });
  }
  if (!main && !labels.some((l) => l.kind === 'a')) return none;
  if (!labels.some((l) => l.kind === 'q') && !main) return none;

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
    drafts.push({
      kind: 'answer', pieces: [[l.bodyStart, end]], text: t,
      ref: { phrase: text.slice(l.labelStart, l.labelEnd), start: l.labelStart, end: l.labelEnd },
      fixedSpeakerId: l.speakerId, anchor: l.bodyStart, extentStart: l.bodyStart, extentEnd: end,
    });
  });
  return { drafts, covered, mainSpeakerId: main ? main.entityId : null };
}
