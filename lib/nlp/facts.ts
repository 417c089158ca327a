// Facts with provenance, read from single sentences: memberships, founding/signing dates, roles,
// delegation sizes, chairmanships, observer status.
import { mentionsIn, normPhrase, uniq, type EntityInfo, type MentionIn } from './common';
import { findPeople, findRoleLines, personIdFor, roleBefore } from './people';
import type { SentenceSpan } from './sentences';

export interface ExtractedFact {
  entityId: string;
  /** membership | members | founded | signed | role | delegation-size | chairmanship | observer */
  kind: string;
  /** The sentence or clause the fact is read from. */
  text: string;
  start: number;
  end: number;
  objectIds: string[];
}

const DATE = '(?:(?:\\d{1,2}\\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\\s+(?:\\d{1,2},?\\s+)?)?\\d{4}';
const ORGISH = new Set(['organization', 'body', 'group', 'programme', 'operation', 'event']);

export function extractFacts(
  text: string,
  sentences: SentenceSpan[],
  mentions: MentionIn[],
  entities: Map<string, EntityInfo>,
): ExtractedFact[] {
  const facts: ExtractedFact[] = [];
  const typeOf = (id: string): string | undefined => entities.get(id)?.type;
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  const outermost = (ms: MentionIn[]): MentionIn[] => ms.filter((m) => !ms.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start));
  const keys = new Map<ExtractedFact, string>();
  const push = (f: ExtractedFact, key?: string): void => {
    f.objectIds = uniq(f.objectIds.filter((id) => id !== f.entityId));
    facts.push(f);
    if (key) keys.set(f, key);
  };

  for (const s of sentences) {
    const st = text.slice(s.start, s.end);
    const inS = outermost(mentionsIn(sorted, s.start, s.end));
    const at = (rel: number): number => s.start + rel;
    const between = (a: number, b: number): MentionIn[] => inS.filter((m) => m.start >= a && m.end <= b);
    const base = { text: st, start: s.start, end: s.end };

    // delegation size: "Delegation of X to the CSTO PA consists of 7 deputies ..."
    const dl = /^(?:the\s+)?delegation\s+of\s+(.+?)\s+to\s+(?:the\s+)?(.+?)\s+(?:consists of|comprises|includes|is made up of)\s+(\d+)\s/iu.exec(st);
    if (dl) {
      const xs = at(dl.index + dl[0].indexOf(dl[1]!));
      const xe = xs + dl[1]!.length;
      const ys = at(dl.index + dl[0].indexOf(dl[2]!, dl[0].indexOf(dl[1]!) + dl[1]!.length));
      const subj = between(xs, xe);
      const pick = subj.find((m) => typeOf(m.entityId) === 'body') ?? subj.find((m) => typeOf(m.entityId) === 'country') ?? subj[0];
      if (pick) {
        push({ entityId: pick.entityId, kind: 'delegation-size', ...base, objectIds: [...between(ys, ys + dl[2]!.length), ...subj].map((m) => m.entityId) });
      }
      continue;
    }

    // member lists: "The CSTO unites Armenia, Belarus, ..." / "incorporates six countries - Russia, ..."
    const ml = /(?<![\p{L}])(unites|incorporates|comprises|includes|brings together|consists of|is made up of|member states are|members are|объединяет)(?![\p{L}])/iu.exec(st);
    if (ml) {
      const vs = at(ml.index);
      const ve = vs + ml[0].length;
      const clauseEnd = (() => {
        const m2 = /[.;](?:\s|$)/.exec(text.slice(ve, s.end));
        return m2 ? ve + m2.index : s.end;
      })();
      const countries = uniq(between(ve, clauseEnd).filter((m) => typeOf(m.entityId) === 'country').map((m) => m.entityId));
      const org = [...between(s.start, vs)].reverse().find((m) => ORGISH.has(typeOf(m.entityId) ?? ''));
      if (org && countries.length >= 2) {
        push({ entityId: org.entityId, kind: 'members', ...base, objectIds: countries });
        for (const c of countries) push({ entityId: c, kind: 'membership', ...base, objectIds: [org.entityId] });
      }
    }
    // "X is a member of Y", "X joined Y"
    const mo = /(?<![\p{L}])(?:is|are|was|were|became|has become)\s+(?:a\s+|full\s+|founding\s+)*members?(?:\s+states?)?\s+of|(?<![\p{L}])joined(?![\p{L}])/iu.exec(st);
    if (mo) {
      const vs = at(mo.index);
      const ve = vs + mo[0].length;
      const obj = between(ve, s.end).find((m) => ORGISH.has(typeOf(m.entityId) ?? ''));
      const subj = between(s.start, vs).filter((m) => typeOf(m.entityId) === 'country' || ORGISH.has(typeOf(m.entityId) ?? ''));
      if (obj) for (const x of subj) push({ entityId: x.entityId, kind: 'membership', ...base, objectIds: [obj.entityId] });
    }
    // observers: "X participate as observers in Y", "X has observer status in Y"
    const ob = /(?:as\s+observers?\s+(?:in|at|to)|observer\s+status\s+(?:in|at|with))\s/iu.exec(st);
    if (ob) {
      const vs = at(ob.index);
      const obj = between(vs, s.end).find((m) => ORGISH.has(typeOf(m.entityId) ?? ''));
      const subj = between(s.start, vs).filter((m) => typeOf(m.entityId) === 'country');
      if (obj) for (const x of subj) push({ entityId: x.entityId, kind: 'observer', ...base, objectIds: [obj.entityId] });
    }

    // founded: "X, founded in 2002," / "X was established in May 2002"
    const foundRe = new RegExp(`(?<![\\p{L}])(?:was\\s+|were\\s+|has\\s+been\\s+)?(?:founded|established|created|set\\s+up|formed|основана?|создана?)\\s+(?:in|on|в)\\s+(${DATE})`, 'giu');
    for (const fm of st.matchAll(foundRe)) {
      const vs = at(fm.index!);
      const subj = [...between(s.start, vs)].reverse().find((m) => typeOf(m.entityId) !== 'person' && typeOf(m.entityId) !== 'country' && typeOf(m.entityId) !== 'place');
      if (subj) push({ entityId: subj.entityId, kind: 'founded', ...base, objectIds: [] });
    }
    // signed: "the Collective Security Treaty, signed by CIS members in May 1992"
    const signRe = new RegExp(`(?<![\\p{L}])signed\\s+(?:by\\s+[^,.;]{1,60}?\\s+)?(?:in|on)\\s+(${DATE})`, 'giu');
    for (const sm of st.matchAll(signRe)) {
      const vs = at(sm.index!);
      const subj = [...between(s.start, vs)].reverse().find((m) => typeOf(m.entityId) === 'document');
      if (subj) {
        const signers = between(vs, vs + sm[0].length).map((m) => m.entityId);
        push({ entityId: subj.entityId, kind: 'signed', ...base, objectIds: signers });
      }
    }

    // chairmanship: "Russia currently holds the rotating chairmanship of the alliance",
    // "Russia will take over the CSTO chairmanship ... from the Kyrgyz Republic", "X chairs Y"
    const chRe = /(?<![\p{L}])(?:holds|held|hold|will hold|has taken over|took over|will take over|takes over|take over|assumed|assumes|will assume|has assumed)\s+(?:the\s+)?(?:rotating\s+|annual\s+|current\s+)?(?:([\p{L}\s]{1,40}?)\s+)?(?:chairmanship|presidency)(?![\p{L}])|(?<![\p{L}])(?:chairs|is chairing|will chair|presides over)\s+/giu;
    for (const cm of st.matchAll(chRe)) {
      const vs = at(cm.index!);
      const subj = [...between(s.start, vs)].reverse().find((m) => ['country', 'person', 'organization', 'body'].includes(typeOf(m.entityId) ?? ''));
      if (!subj) continue;
      const clauseEnd = (() => {
        const m2 = /[;]|,\s+(?:which|who)\s|\.(?:\s|$)/.exec(text.slice(vs, s.end));
        return m2 ? vs + m2.index : s.end;
      })();
      const after = text.slice(vs, clauseEnd);
      let objs = between(vs, clauseEnd).filter((m) => ORGISH.has(typeOf(m.entityId) ?? '') && m.entityId !== subj.entityId);
      // "from the Kyrgyz Republic": the previous chair, not the object
      objs = objs.filter((m) => !/from\s+(?:the\s+)?$/i.test(text.slice(vs, m.start)));
      if (!objs.length && /(?<![\p{L}])(?:the\s+)?(?:alliance|organi[sz]ation|bloc|union)(?![\p{L}])/iu.test(after)) {
        const prevOrg = [...sorted].reverse().find((m) => m.start < vs && typeOf(m.entityId) === 'organization');
        if (prevOrg) objs = [prevOrg];
      }
      if (!objs.length) continue;
      const from = between(vs, clauseEnd).filter((m) => /from\s+(?:the\s+)?$/i.test(text.slice(vs, m.start)));
      push({ entityId: subj.entityId, kind: 'chairmanship', text: text.slice(subj.start, clauseEnd).trim(), start: subj.start, end: clauseEnd, objectIds: [objs[0]!.entityId, ...from.map((m) => m.entityId)] });
    }
  }

  // roles: "Role: Name" lines and "Title Name" appositions
  const personAt = (a: number, b: number): MentionIn | undefined =>
    mentions.find((m) => m.start <= a && m.end >= b && typeOf(m.entityId) === 'person') ??
    mentions.find((m) => m.start >= a && m.end <= b && typeOf(m.entityId) === 'person');
  const roleFact = (personId: string, role: string, rs: number, re: number, ns: number, ne: number, whole?: [number, number]): void => {
    const [a, b] = whole ?? [Math.min(rs, ns), Math.max(re, ne)];
    const objs = mentionsIn(mentions, rs, re).filter((m) => typeOf(m.entityId) !== 'person').map((m) => m.entityId);
    push({ entityId: personId, kind: 'role', text: text.slice(a, b), start: a, end: b, objectIds: objs }, normPhrase(role));
  };
  for (const r of findRoleLines(text)) {
    const pm = personAt(r.start, r.end);
    roleFact(pm ? pm.entityId : personIdFor(r.name), r.role, r.roleStart, r.roleEnd, r.start, r.end, [r.roleStart, r.end]);
  }
  for (const m of sorted) {
    if (typeOf(m.entityId) !== 'person') continue;
    const rb = roleBefore(text, m.start);
    if (rb) roleFact(m.entityId, rb.role, rb.start, rb.end, m.start, m.end);
  }
  for (const p of findPeople(text, mentions)) {
    if (!p.role || p.roleStart === undefined || p.roleEnd === undefined) continue;
    if (findRoleLines(text).some((r) => r.start === p.start)) continue;
    roleFact(personIdFor(p.name), p.role, p.roleStart, p.roleEnd, p.start, p.end);
  }

  // one fact per (entity, kind, objects, wording): a repeated sentence or title adds nothing
  const seen = new Set<string>();
  return facts
    .filter((f) => {
      const words = keys.get(f) ?? normPhrase(f.text.replace(/\([^)]*\)/g, ' '));
      const k = `${f.entityId}|${f.kind}|${[...f.objectIds].sort().join(',')}|${words}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.start - b.start);
}
