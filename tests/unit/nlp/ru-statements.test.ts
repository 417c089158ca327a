import { describe, expect, it } from 'vitest';
import registryJson from '../../../assets/registry.json';
import { buildMatcher } from '../../../lib/match';
import { extractStatementsFor, splitSentences, type EntityInfo } from '../../../lib/nlp';
import { parseRegistry, registryAliases, registryEntities } from '../../../lib/registry/aliases';

// Statements from Russian texts: quotations in «ёлочки» and „лапки“ with their attributions, reported
// speech, and speakers named in any case, by title or by pronoun.

const registry = parseRegistry(registryJson);
const matcher = buildMatcher(registryAliases(registry));
const entities = new Map<string, EntityInfo>(
  registryEntities(registry).map((e) => [e.id, { id: e.id, type: e.type, name: e.name, ...(e.titles ? { titles: e.titles } : {}) }]),
);

function statements(text: string) {
  const mentions = matcher.scan(text).map((s) => ({ start: s.start, end: s.end, entityId: s.entityId }));
  return extractStatementsFor(text, splitSentences(text), mentions, entities).map((s) => ({ kind: s.kind, text: s.text, speakerId: s.speakerId }));
}

describe('Russian quotations', () => {
  it.each([
    ['dash attribution, verb first', '«Мы готовы к диалогу с партнерами по ОДКБ», — сказал Лавров.', 'Мы готовы к диалогу с партнерами по ОДКБ', 'person:sergey-lavrov'],
    ['dash attribution, full name in the nominative after the verb', 'МОСКВА, 3 апреля. /ТАСС/. «Ситуация на таджикско-афганской границе остается сложной», — заявил Генеральный секретарь ОДКБ Имангали Тасмагамбетов.', 'Ситуация на таджикско-афганской границе остается сложной', 'person:imangali-tasmagambetov'],
    ['dash attribution, speaker before the verb', '«Учения пройдут по плану», — Станислав Зась подчеркнул на брифинге.', 'Учения пройдут по плану', 'person:stanislav-zas'],
    ['„лапки“', '„Коллективные силы готовы к любым сценариям“, — отметил Зась.', 'Коллективные силы готовы к любым сценариям', 'person:stanislav-zas'],
    ['colon before the quotation', 'Сергей Лавров заявил журналистам: «Россия не будет вмешиваться во внутренние дела соседей».', 'Россия не будет вмешиваться во внутренние дела соседей', 'person:sergey-lavrov'],
    ['по словам, name in the genitive', 'По словам Сергея Лаврова, «решение будет принято на саммите в Минске».', 'решение будет принято на саммите в Минске', 'person:sergey-lavrov'],
    ['an attribution inside the quotation', '«Мы продолжим работу, — сказал Токаев, — и доведем реформы до конца».', 'Мы продолжим работу … и доведем реформы до конца', 'person:kassym-jomart-tokayev'],
    ['title in the genitive resolved by the registry\'s titles', 'По словам главы МИД России, «переговоры идут трудно, но результат будет».', 'переговоры идут трудно, но результат будет', 'person:sergey-lavrov'],
    ['pronoun', 'Имангали Тасмагамбетов прибыл в Душанбе. «Граница должна быть надежно защищена», — сказал он.', 'Граница должна быть надежно защищена', 'person:imangali-tasmagambetov'],
    ['title resolved by the person named with it before', 'Генеральный секретарь ОДКБ Станислав Зась провел встречу в Москве. «Мы видим рост угроз на южных рубежах», — сказал генсек ОДКБ.', 'Мы видим рост угроз на южных рубежах', 'person:stanislav-zas'],
    ['the longest title wins (the press secretary, not the president)', 'Дмитрий Песков прокомментировал решение Еревана. «Армения остается нашим союзником», — сказал пресс-секретарь президента России.', 'Армения остается нашим союзником', 'person:dmitry-peskov'],
    ['an organization speaks', '«Заявление будет опубликовано в ближайшее время», — сообщили в МИД России.', 'Заявление будет опубликовано в ближайшее время', 'org:russian-mfa'],
  ])('%s', (_name, text, said, speaker) => {
    expect(statements(text)).toContainEqual({ kind: 'quote', text: said, speakerId: speaker });
  });

  it.each([
    ['a quoted exercise name', 'Учения «Взаимодействие-2024» прошли в Беларуси.'],
    ['a quoted organization name', 'Движение «Талибан» запрещено в России.'],
    ['a quotation nobody is said to say', 'Фильм «Мы были солдатами и верили в мир» вышел на экраны.'],
  ])('no statement: %s', (_name, text) => {
    expect(statements(text).filter((s) => s.kind === 'quote')).toEqual([]);
  });
});

describe('Russian reported speech', () => {
  it.each([
    ['заявил, что', 'Лавров заявил, что Россия выполнит все обязательства перед союзниками.', 'Россия выполнит все обязательства перед союзниками', 'person:sergey-lavrov'],
    ['отметила, что (feminine)', 'Мария Захарова отметила, что Москва внимательно следит за ситуацией.', 'Москва внимательно следит за ситуацией', 'person:maria-zakharova'],
    ['подчеркнул with a recipient', 'Президент Казахстана Касым-Жомарт Токаев подчеркнул журналистам, что миссия ОДКБ завершена.', 'миссия ОДКБ завершена', 'person:kassym-jomart-tokayev'],
    ['по словам, name in the genitive', 'По словам Станислава Зася, миротворцы покинут страну до конца месяца.', 'миротворцы покинут страну до конца месяца', 'person:stanislav-zas'],
    ['по его словам', 'Никол Пашинян выступил в парламенте. По его словам, Армения пересмотрит участие в организации.', 'Армения пересмотрит участие в организации', 'person:nikol-pashinyan'],
    ['a bare role word: the person just named', 'Сергей Шойгу провел совещание в Минске. По словам министра, войска готовы к маршу в любой момент.', 'войска готовы к маршу в любой момент', 'person:sergei-shoigu'],
    ['a country named with a president does not make its ministry the president', 'Президент РК Касым-Жомарт Токаев прибыл в Москву. В Минобороны РК сообщили, что учения пройдут в срок.', 'учения пройдут в срок', 'country:kazakhstan'],
    ['как сообщает', 'Как сообщает пресс-служба ОДКБ, заседание совета пройдет в Бишкеке.', 'заседание совета пройдет в Бишкеке', 'org:csto'],
    ['trailing сообщил', 'Встреча министров состоится в ноябре в Минске, сообщил Сергей Лавров.', 'Встреча министров состоится в ноябре в Минске', 'person:sergey-lavrov'],
    ['trailing dash and pronoun', 'Садыр Жапаров провел совещание. Граница с Таджикистаном будет открыта, — добавил он.', 'Граница с Таджикистаном будет открыта', 'person:sadyr-japarov'],
    ['trailing with a title and name in the nominative', 'БИШКЕК, 24.kg — Учения КСОР начнутся в сентябре, сообщил начальник Объединенного штаба ОДКБ Андрей Сердюков.', 'Учения КСОР начнутся в сентябре', 'person:andrei-serdyukov'],
  ])('%s', (_name, text, said, speaker) => {
    expect(statements(text)).toContainEqual({ kind: 'reported', text: said, speakerId: speaker });
  });
});
