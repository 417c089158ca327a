import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { registrySchema, type Registry, type RegistryAlias } from '../../lib/registry/schema';

// The curated registry (assets/registry.json): shape, referential integrity, ambiguity
// discipline, and coverage of the entities named in the five seed documents.

const root = fileURLToPath(new URL('../../', import.meta.url));
const raw: unknown = JSON.parse(readFileSync(`${root}assets/registry.json`, 'utf8'));
const seedDir = `${root}assets/seeds/`;
const seeds: Record<string, string> = Object.fromEntries(
  readdirSync(seedDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => [f.slice(0, 3), readFileSync(seedDir + f, 'utf8')]),
);

interface FlatAlias {
  text: string;
  entityId: string;
  caseSensitive?: boolean;
  context?: { cues: string[]; window?: number; yearSuffix?: boolean };
  note?: string;
  lang?: string;
}

const flatten = (entityId: string, a: RegistryAlias): FlatAlias =>
  typeof a === 'string' ? { text: a, entityId } : { ...a, entityId };

const parsed = registrySchema.safeParse(raw);
const registry = parsed.success ? parsed.data : (raw as Registry);
const byId = new Map(registry.entities.map((e) => [e.id, e]));
const aliases: FlatAlias[] = registry.entities.flatMap((e) => e.aliases.map((a) => flatten(e.id, a)));
const find = (text: string, id: string) => aliases.find((a) => a.entityId === id && a.text === text);

/** Common words (lower case) that must never be highlighted without a context rule. */
const COMMON_WORDS = [
  'channel', 'kanal', 'search', 'poisk', 'interaction', 'illegal', 'nelegal', 'mercenary', 'naemnik',
  'echelon', 'eshelon', 'cobalt', 'kobalt', 'thunder', 'grom', 'frontier', 'rubezh', 'proxy',
  'organization', 'organisation', 'the organization', 'the organisation', 'council', 'the council',
  'un', 'georgia', 'sputnik', 'joint staff', 'permanent council', 'council of foreign ministers',
  'council of defence ministers', 'council of defense ministers', 'council of the republic',
  'канал', 'поиск', 'взаимодействие', 'эшелон', 'кобальт', 'рубеж', 'гром', 'нелегал', 'наемник', 'наёмник',
];
/** Words that must not be aliases at all. */
const FORBIDDEN = [
  'council', 'the council', 'secretariat', 'secretary general', 'secretary-general', 'organization',
  'organisation', 'assembly', 'national assembly', 'parliamentary assembly', 'security council', 'the alliance',
  'russian', 'belarusian', 'kazakh', 'kyrgyz', 'tajik', 'armenian', 'uzbek', 'afghan', 'chinese', 'iranian',
  'american', 'georgian', 'serbian', 'is', 'duma', 'house of representatives', 'senate', 'federal assembly',
];

const TYPE_PREFIX: Record<string, string> = {
  organization: 'org', body: 'body', person: 'person', country: 'country', place: 'place', operation: 'operation',
  exercise: 'exercise', programme: 'programme', group: 'group', event: 'event', document: 'document',
};

// ---- a small word-window evaluator for context rules (mirrors the documented semantics) ----
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const words = (s: string) => (s.match(WORD) ?? []).map((w) => w.toLowerCase().replace(/['’]s$/u, ''));
const isLetter = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);

function occurrences(text: string, a: FlatAlias): number[] {
  const hay = a.caseSensitive ? text : text.toLowerCase();
  const needle = a.caseSensitive ? a.text : a.text.toLowerCase();
  const out: number[] = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    if (!isLetter(text[i - 1]) && !isLetter(text[i + needle.length])) out.push(i);
  }
  return out;
}

function contextHolds(text: string, at: number, a: FlatAlias): boolean {
  const ctx = a.context;
  if (!ctx) return true;
  const after = text.slice(at + a.text.length);
  if (ctx.yearSuffix && /^[\s\-–]?\d{4}(?!\d)/u.test(after)) return true;
  const n = ctx.window ?? 8;
  const near = ` ${[...words(text.slice(0, at)).slice(-n), '|', ...words(after).slice(0, n)].join(' ')} `;
  return ctx.cues.some((cue) => near.includes(` ${words(cue).join(' ')} `));
}

const firing = (text: string, a: FlatAlias) => occurrences(text, a).filter((at) => contextHolds(text, at, a));

describe('registry.json', () => {
  it('satisfies the zod schema', () => {
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues.slice(0, 5), null, 2));
    expect(parsed.success).toBe(true);
    expect(registry.version).toBe(1);
    expect(registry.entities.length).toBeGreaterThanOrEqual(150);
  });

  it('has unique ids whose prefix matches the type', () => {
    const ids = registry.entities.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of registry.entities) expect(e.id.split(':')[0], e.id).toBe(TYPE_PREFIX[e.type]);
  });

  it('has a non-trivial description for every entity', () => {
    for (const e of registry.entities) {
      expect(e.description.length, e.id).toBeGreaterThan(10);
      expect(e.description.length, e.id).toBeLessThan(450);
    }
  });

  it('points every related entity and fact object at an existing entity', () => {
    for (const e of registry.entities) {
      for (const r of e.related ?? []) expect(byId.has(r.entityId), `${e.id} -> ${r.entityId}`).toBe(true);
      for (const f of e.facts ?? []) for (const o of f.objectIds ?? []) expect(byId.has(o), `${e.id} fact -> ${o}`).toBe(true);
      for (const r of e.related ?? []) expect(r.entityId, `${e.id} relates to itself`).not.toBe(e.id);
    }
  });

  it('never maps one surface form to two entities unless every claimant has a context rule', () => {
    const claims = new Map<string, { entityId: string; ambiguous: boolean }[]>();
    for (const e of registry.entities) {
      const own = e.aliases.map((a) => flatten(e.id, a));
      // The canonical name is a surface form too (see registryAliases), unless overridden by an alias entry.
      if (!own.some((a) => a.text === e.name)) own.push({ text: e.name, entityId: e.id });
      const seen = new Set<string>();
      for (const a of own) {
        const key = a.text.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        const list = claims.get(key) ?? [];
        list.push({ entityId: e.id, ambiguous: !!a.context });
        claims.set(key, list);
      }
    }
    const clashes = [...claims].filter(([, l]) => l.length > 1 && l.some((c) => !c.ambiguous));
    expect(clashes).toEqual([]);
  });

  it('has no duplicate alias (case-insensitively) within an entity', () => {
    for (const e of registry.entities) {
      const texts = e.aliases.map((a) => flatten(e.id, a).text.toLowerCase());
      expect(texts.length - new Set(texts).size, e.id).toBe(0);
    }
  });

  it('puts a context rule on every common-word alias, and on an ambiguous canonical name', () => {
    for (const a of aliases) {
      if (COMMON_WORDS.includes(a.text.toLowerCase())) expect(a.context, `${a.entityId}: "${a.text}"`).toBeDefined();
    }
    for (const e of registry.entities) {
      if (!COMMON_WORDS.includes(e.name.toLowerCase())) continue;
      const override = find(e.name, e.id);
      expect(override?.context, `${e.id}: name "${e.name}" needs an alias entry with context`).toBeDefined();
    }
  });

  it('documents every ambiguous alias: note, case-sensitive, sane cues', () => {
    for (const a of aliases.filter((x) => x.context)) {
      const label = `${a.entityId}: "${a.text}"`;
      expect(a.note, label).toBeTruthy();
      expect(a.caseSensitive, label).toBe(true);
      expect(a.context!.cues.length, label).toBeGreaterThan(0);
      for (const cue of a.context!.cues) expect(cue.trim(), label).toBe(cue);
    }
  });

  it('contains no forbidden bare forms (generic nouns, adjectives of nationality)', () => {
    for (const a of aliases) expect(FORBIDDEN.includes(a.text.toLowerCase()), `${a.entityId}: "${a.text}"`).toBe(false);
    for (const e of registry.entities) expect(FORBIDDEN.includes(e.name.toLowerCase()), e.id).toBe(false);
  });

  it('uses the declension wildcard only at the end of Cyrillic forms', () => {
    for (const a of aliases) {
      if (!a.text.includes('*')) continue;
      expect(a.text, a.entityId).toMatch(/^[^*]*[\u0400-\u04FF]\*$/u);
    }
  });

  it('gives titles only to people and bodies, never duplicating an alias', () => {
    for (const e of registry.entities) {
      if (!e.titles) continue;
      expect(['person', 'body'], e.id).toContain(e.type);
      for (const t of e.titles) expect(find(t, e.id), `${e.id}: title "${t}" is also an alias`).toBeUndefined();
    }
    const lavrov = byId.get('person:sergey-lavrov')!;
    for (const t of ['Russian Foreign Minister', 'head of the Russian Foreign Ministry', "Russia's top diplomat", 'the Russian minister'])
      expect(lavrov.titles).toContain(t);
    expect(byId.get('person:stanislav-zas')!.titles).toContain('CSTO Secretary General');
  });
});

describe('registry coverage', () => {
  // [surface form, entity id, seed file it occurs in (if any)]
  const expectations: [string, string, string?][] = [
    ['CSTO', 'org:csto', '000'],
    ['Collective Security Treaty Organization', 'org:csto', '001'],
    ['Collective Security Treaty Organisation', 'org:csto', '003'],
    ['ОДКБ', 'org:csto'],
    ['Организация Договора о коллективной безопасности', 'org:csto'],
    ['the Organization', 'org:csto', '001'],
    ['Sergey Lavrov', 'person:sergey-lavrov', '000'],
    ['Sergei Lavrov', 'person:sergey-lavrov', '003'],
    ['Lavrov', 'person:sergey-lavrov', '000'],
    ['Лавров*', 'person:sergey-lavrov'],
    ['Igor Petrishenko', 'person:igor-petrishenko', '001'],
    ['Petrishenko', 'person:igor-petrishenko', '001'],
    ['Stanislav Zas', 'person:stanislav-zas', '003'],
    ['Levan Dzhagaryan', 'person:levan-dzhagaryan', '002'],
    ['Ashraf Ghani', 'person:ashraf-ghani', '002'],
    ['Vladimir Zelensky', 'person:vladimir-zelensky', '004'],
    ['Putin', 'person:vladimir-putin', '004'],
    ['Viktor Kogut', 'person:viktor-kogut', '003'],
    ['Viktor Rogalev', 'person:viktor-rogalev', '003'],
    ['Shabdanbek Alishev', 'person:shabdanbek-alishev', '003'],
    ['Mikhail Krotov', 'person:mikhail-krotov', '003'],
    ['CSTO PA', 'body:csto-pa', '003'],
    ['CSTO Parliamentary Assembly', 'body:csto-pa', '003'],
    ['Council of Foreign Ministers', 'body:csto-cfm', '003'],
    ['CSTO Council of Foreign Ministers', 'body:csto-cfm', '004'],
    ['CSTO CFM', 'body:csto-cfm', '003'],
    ['CFM', 'body:csto-cfm', '003'],
    ['Council of Defence Ministers', 'body:csto-cdm', '004'],
    ['Council of Defense Ministers', 'body:csto-cdm'],
    ['Committee of Security Council Secretaries', 'body:csto-cssc', '004'],
    ['Committee of Secretaries of Security Councils', 'body:csto-cssc'],
    ['CSTO Collective Security Council', 'body:collective-security-council', '004'],
    ['CSTO Secretary General', 'body:csto-secretary-general', '003'],
    ['CSTO Permanent Council', 'body:csto-permanent-council'],
    ['CSTO Joint Staff', 'body:csto-joint-staff'],
    ['CSTO Secretariat', 'body:csto-secretariat'],
    ['CRRF', 'body:crrf'],
    ['Collective Rapid Reaction Forces', 'body:crrf'],
    ['Collective Peacekeeping Forces', 'body:csto-peacekeeping-forces'],
    ['Collective Rapid Deployment Forces of Central Asia', 'body:crdf'],
    ['Collective Aviation Forces', 'body:collective-aviation-forces'],
    ['Channel', 'operation:channel', '000'],
    ['Kanal', 'operation:channel', '003'],
    ['Illegal', 'operation:illegal'],
    ['Nelegal', 'operation:illegal'],
    ['PROXY', 'operation:proxy'],
    ['Mercenary', 'operation:mercenary'],
    ['Interaction', 'exercise:interaction'],
    ['Vzaimodeistvie', 'exercise:interaction'],
    ['Search', 'exercise:search'],
    ['Poisk', 'exercise:search'],
    ['Echelon', 'exercise:echelon'],
    ['Cobalt', 'exercise:cobalt'],
    ['Rubezh', 'exercise:rubezh'],
    ['Frontier', 'exercise:rubezh'],
    ['Indestructible Brotherhood', 'exercise:indestructible-brotherhood'],
    ['Nerushimoe Bratstvo', 'exercise:indestructible-brotherhood'],
    ['Thunder', 'exercise:thunder'],
    ['Grom', 'exercise:thunder'],
    ['SCO', 'org:sco', '002'],
    ['Shanghai Cooperation Organization', 'org:sco', '000'],
    ['Shanghai Cooperation Organisation', 'org:sco', '003'],
    ['CIS', 'org:cis', '000'],
    ['Commonwealth of Independent States', 'org:cis', '000'],
    ['UN', 'org:un', '001'],
    ['UN Security Council', 'org:unsc', '004'],
    ['OSCE', 'org:osce', '004'],
    ['EAEU', 'org:eaeu'],
    ['NATO', 'org:nato'],
    ['EU', 'org:eu'],
    ['Normandy format', 'org:normandy-format', '004'],
    ['Presidential Executive Office', 'org:russian-presidential-executive-office', '004'],
    ['Ministry of Foreign Affairs of the Russian Federation', 'org:russian-mfa', '003'],
    ['Islamic State', 'group:isis', '001'],
    ['ISIS', 'group:isis', '004'],
    ['ISIL', 'group:isis'],
    ['Daesh', 'group:isis'],
    ['Taliban', 'group:taliban', '002'],
    ['al-Qaeda', 'group:al-qaeda'],
    ['Collective Security Treaty', 'document:collective-security-treaty', '000'],
    ['CSTO Charter', 'document:csto-charter'],
    ['UN Charter', 'document:un-charter', '004'],
    ['UN Global Counter-Terrorism Strategy', 'document:un-gcts', '004'],
    ['Statement on Stabilisation Efforts in the Middle East and North Africa', 'document:statement-mena-2019', '004'],
    ['Great Patriotic War', 'event:great-patriotic-war', '003'],
    ['75th anniversary of Victory', 'event:victory-75th-anniversary', '004'],
    ['Russia', 'country:russia', '000'],
    ['Russian Federation', 'country:russia', '003'],
    ['Россия', 'country:russia'],
    ['Armenia', 'country:armenia', '000'],
    ['Belarus', 'country:belarus', '000'],
    ['Republic of Belarus', 'country:belarus', '003'],
    ['Kazakhstan', 'country:kazakhstan', '000'],
    ['Republic of Kazakhstan', 'country:kazakhstan', '003'],
    ['Kyrgyzstan', 'country:kyrgyzstan', '000'],
    ['Kyrgyz Republic', 'country:kyrgyzstan', '003'],
    ['Tajikistan', 'country:tajikistan', '000'],
    ['Republic of Tajikistan', 'country:tajikistan', '003'],
    ['Afghanistan', 'country:afghanistan', '000'],
    ['China', 'country:china', '002'],
    ['Iran', 'country:iran', '002'],
    ['Pakistan', 'country:pakistan', '002'],
    ['Turkmenistan', 'country:turkmenistan', '002'],
    ['Uzbekistan', 'country:uzbekistan', '002'],
    ['US', 'country:usa', '002'],
    ['Syria', 'country:syria', '004'],
    ['Libya', 'country:libya', '004'],
    ['Ukraine', 'country:ukraine', '004'],
    ['Azerbaijan', 'country:azerbaijan'],
    ['Georgia', 'country:georgia'],
    ['Moscow', 'place:moscow', '000'],
    ['Bishkek', 'place:bishkek', '004'],
    ['Dushanbe', 'place:dushanbe', '002'],
    ['Tehran', 'place:tehran', '002'],
    ['Kabul', 'place:kabul', '002'],
    ['Central Asia', 'place:central-asia', '004'],
    ['Middle East', 'place:middle-east', '004'],
    ['Mazhilis', 'body:kazakhstan-mazhilis', '003'],
    ['State Duma', 'body:russia-state-duma', '003'],
    ['Federation Council', 'body:russia-federation-council', '003'],
    ['Supreme Council of the Kyrgyz Republic', 'body:kyrgyzstan-jogorku-kenesh', '003'],
    ['Supreme Assembly of the Republic of Tajikistan', 'body:tajikistan-majlisi-oli', '003'],
    ['National Assembly of the Republic of Belarus', 'body:belarus-national-assembly', '003'],
    ['Federal Assembly of the Russian Federation', 'body:russia-federal-assembly', '003'],
  ];

  it.each(expectations)('"%s" is an alias of %s', (text, id, seed) => {
    expect(byId.has(id), id).toBe(true);
    expect(find(text, id), `${id} lacks "${text}"`).toBeDefined();
    if (seed) {
      const a = find(text, id)!;
      const ok = a.caseSensitive || /^[A-Z0-9\u0410-\u042F\u0401]+$/u.test(text) ? seeds[seed]!.includes(text) : seeds[seed]!.toLowerCase().includes(text.toLowerCase());
      expect(ok, `seed ${seed} should contain "${text}"`).toBe(true);
    }
  });

  it('lists every Secretary General with dates and the secretary-general relation', () => {
    const sgs = ['nikolay-bordyuzha', 'valery-semerikov', 'yuri-khachaturov', 'stanislav-zas', 'imangali-tasmagambetov', 'taalatbek-masadykov'];
    for (const slug of sgs) {
      const p = byId.get(`person:${slug}`);
      expect(p, slug).toBeDefined();
      expect(p!.description, slug).toMatch(/\b(19|20)\d\d\b/);
      expect(p!.facts?.some((f) => f.kind === 'role' && f.objectIds?.includes('body:csto-secretary-general')), slug).toBe(true);
    }
    expect(byId.get('person:taalatbek-masadykov')!.related).toContainEqual({ relation: 'secretary-general-of', entityId: 'org:csto' });
  });

  it('records member states, former members and capitals', () => {
    const members = ['armenia', 'belarus', 'kazakhstan', 'kyrgyzstan', 'russia', 'tajikistan'];
    for (const m of members)
      expect(byId.get(`country:${m}`)!.related, m).toContainEqual({ relation: 'member-of', entityId: 'org:csto' });
    expect(byId.get('country:uzbekistan')!.related).toContainEqual({ relation: 'former-member-of', entityId: 'org:csto' });
    for (const f of ['azerbaijan', 'georgia', 'uzbekistan'])
      expect(byId.get(`country:${f}`)!.related, f).toContainEqual({ relation: 'former-party-to', entityId: 'document:collective-security-treaty' });
    expect(byId.get('country:armenia')!.description).toMatch(/froze|frozen|freeze/);
    const capitals: [string, string][] = [
      ['moscow', 'russia'], ['minsk', 'belarus'], ['astana', 'kazakhstan'], ['bishkek', 'kyrgyzstan'], ['dushanbe', 'tajikistan'],
      ['yerevan', 'armenia'], ['tashkent', 'uzbekistan'], ['baku', 'azerbaijan'], ['tbilisi', 'georgia'],
    ];
    for (const [city, country] of capitals)
      expect(byId.get(`place:${city}`)!.related, city).toContainEqual({ relation: 'capital-of', entityId: `country:${country}` });
  });

  it('offers both British and American spellings where they differ', () => {
    const pairs: [string, string, string][] = [
      ['Collective Security Treaty Organization', 'Collective Security Treaty Organisation', 'org:csto'],
      ['Council of Defence Ministers', 'Council of Defense Ministers', 'body:csto-cdm'],
      ['Shanghai Cooperation Organization', 'Shanghai Cooperation Organisation', 'org:sco'],
      ['the Organization', 'the Organisation', 'org:csto'],
      ['CSTO Crisis Response Centre', 'CSTO Crisis Response Center', 'body:csto-crisis-response-centre'],
    ];
    for (const [gb, us, id] of pairs) {
      expect(find(gb, id), gb).toBeDefined();
      expect(find(us, id), us).toBeDefined();
    }
  });

  it('marks the known ambiguous forms with context rules', () => {
    const ambiguous: [string, string][] = [
      ['Channel', 'operation:channel'], ['Kanal', 'operation:channel'], ['Search', 'exercise:search'], ['Poisk', 'exercise:search'],
      ['Interaction', 'exercise:interaction'], ['Illegal', 'operation:illegal'], ['Mercenary', 'operation:mercenary'],
      ['Echelon', 'exercise:echelon'], ['Cobalt', 'exercise:cobalt'], ['Thunder', 'exercise:thunder'], ['Frontier', 'exercise:rubezh'],
      ['PROXY', 'operation:proxy'], ['the Organization', 'org:csto'], ['the Organisation', 'org:csto'], ['UN', 'org:un'],
      ['Georgia', 'country:georgia'],
    ];
    for (const [text, id] of ambiguous) {
      const a = find(text, id);
      expect(a?.context, `${id}: "${text}"`).toBeDefined();
      expect(a?.note, `${id}: "${text}"`).toBeTruthy();
    }
    const interaction = find('Interaction', 'exercise:interaction')!;
    expect(interaction.context!.yearSuffix).toBe(true);
    expect(interaction.context!.cues).toEqual(expect.arrayContaining(['exercise', 'exercises', 'drills', 'CRRF']));
    expect(find('Channel', 'operation:channel')!.context!.cues).toEqual(
      expect.arrayContaining(['operation', 'anti-drug', 'drug', 'drugs', 'narcotics', 'CSTO']),
    );
  });
});

describe('context rules against the seeds', () => {
  const ambiguous = aliases.filter((a) => a.context);

  it('recognise the ambiguous mentions the seeds really contain', () => {
    const mustFire: [string, string, string][] = [
      ['Channel', 'operation:channel', '000'],
      ['Kanal', 'operation:channel', '003'],
      ['the Organization', 'org:csto', '001'],
      ['the Organization', 'org:csto', '003'],
      ['UN', 'org:un', '001'],
      ['UN', 'org:un', '002'],
      ['UN', 'org:un', '003'],
      ['UN', 'org:un', '004'],
      ['CFM', 'body:csto-cfm', '003'],
      ['Council of Foreign Ministers', 'body:csto-cfm', '004'],
      ['Council of Defence Ministers', 'body:csto-cdm', '004'],
    ];
    for (const [text, id, seed] of mustFire) {
      const a = find(text, id)!;
      const all = occurrences(seeds[seed]!, a);
      expect(all.length, `"${text}" in ${seed}`).toBeGreaterThan(0);
      expect(firing(seeds[seed]!, a).length, `"${text}" in ${seed}`).toBe(all.length);
    }
  });

  it('leave news outlets alone: an outlet is where a story appears, not a CSTO entity', () => {
    for (const outlet of ['TASS', 'Sputnik', 'Pakistan Point News', 'RIA Novosti', 'Interfax']) {
      expect(registry.entities.some((e) => e.name === outlet || e.aliases.some((a) => (typeof a === 'string' ? a : a.text) === outlet)), outlet).toBe(false);
    }
  });

  it('stay silent on exercises and other operations, which no seed mentions', () => {
    const silent = ambiguous.filter((a) => a.entityId.startsWith('exercise:') || ['operation:illegal', 'operation:proxy', 'operation:mercenary', 'country:georgia'].includes(a.entityId));
    for (const [seed, text] of Object.entries(seeds))
      for (const a of silent) expect(firing(text, a), `${a.entityId} "${a.text}" in ${seed}`).toEqual([]);
  });

  it('accept a year suffix and reject the plain common word', () => {
    const interaction = find('Interaction', 'exercise:interaction')!;
    expect(firing('Troops arrived for Interaction-2023 in Belarus.', interaction)).toHaveLength(1);
    expect(firing('The CSTO drills Interaction were held at a training ground.', interaction)).toHaveLength(1);
    expect(firing('Interaction between the two leaders was cordial.', interaction)).toHaveLength(0);
    const channel = find('Channel', 'operation:channel')!;
    expect(firing('Swimmers crossed the English Channel on Sunday.', channel)).toHaveLength(0);
    expect(firing('The anti-drug operation Channel seized 20 tonnes of narcotics.', channel)).toHaveLength(1);
    const georgia = find('Georgia', 'country:georgia')!;
    expect(firing('Voters in Atlanta, Georgia, went to the polls.', georgia)).toHaveLength(0);
    expect(firing('Georgia left the Collective Security Treaty in 1999.', georgia)).toHaveLength(1);
  });
});

describe('registry through the real matcher', () => {
  it('finds the seed entities and keeps common words quiet', async () => {
    const { buildMatcher } = await import('../../lib/match');
    const { registryAliases } = await import('../../lib/registry/aliases');
    const matcher = buildMatcher(registryAliases(registry));
    const ids = (text: string) => matcher.scan(text).map((s) => s.entityId);

    expect(ids(seeds['000']!)).toEqual(expect.arrayContaining(['org:csto', 'person:sergey-lavrov', 'operation:channel', 'org:cis', 'org:sco']));
    expect(ids(seeds['001']!).filter((id) => id === 'org:csto').length).toBeGreaterThanOrEqual(10);
    expect(ids(seeds['001']!)).toEqual(expect.arrayContaining(['person:igor-petrishenko', 'group:isis', 'org:un']));
    expect(ids(seeds['002']!)).toEqual(expect.arrayContaining(['group:taliban', 'person:levan-dzhagaryan', 'person:ashraf-ghani', 'place:kabul']));
    expect(ids(seeds['003']!)).toEqual(expect.arrayContaining(['body:csto-pa', 'body:csto-cfm', 'person:stanislav-zas', 'operation:channel']));
    expect(ids(seeds['004']!)).toEqual(expect.arrayContaining(['body:csto-cfm', 'body:csto-cdm', 'body:csto-cssc', 'body:collective-security-council', 'org:osce']));
    for (const text of Object.values(seeds))
      for (const id of ids(text)) expect(id.startsWith('exercise:'), id).toBe(false);

    expect(ids('Voters in Atlanta, Georgia, went to the polls.')).toEqual([]);
    expect(ids('Swimmers crossed the English Channel.')).toEqual([]);
    expect(ids('Illegal migration is rising.')).toEqual([]);
    expect(ids('Rubezh-2024 drills began in Kyrgyzstan.')).toEqual(['exercise:rubezh', 'country:kyrgyzstan']);
    expect(ids('Сергея Лаврова спросили об операции «Канал».')).toEqual(['person:sergey-lavrov', 'operation:channel']);
  });
});
