import { describe, expect, it } from 'vitest';
import registryJson from '../../../assets/registry.json';
import { parseRegistry, registryAliases } from '../../../lib/registry/aliases';
import { buildMatcher, found } from './helpers';

// Russian names as the registry's matcher reads them: names with a year or phase suffix whole,
// member states' abbreviations only where the state is named nearby, ordinary words left alone.

const matcher = buildMatcher(registryAliases(parseRegistry(registryJson)));

describe('names with a suffix are whole', () => {
  it.each([
    ['МОСКВА, 20 сентября. /ТАСС/. Учения «Взаимодействие-2024» завершились в Беларуси.', 'Взаимодействие-2024', 'exercise:interaction'],
    ['Разведчики отработали задачи учения «Поиск-2022», сообщает «Интерфакс».', 'Поиск-2022', 'exercise:search'],
    ['В ходе операции «Канал-Авангард» изъято более тонны наркотиков.', 'Канал-Авангард', 'operation:channel'],
    ['Операция «Канал-Центр» прошла в Таджикистане, пишет «Азия-Плюс».', 'Канал-Центр', 'operation:channel'],
    ['Troops of the CRRF took part in Interaction-2023 in Belarus.', 'Interaction-2023', 'exercise:interaction'],
    ['На полигоне Эдельвейс стартовало учение «Рубеж-2023», сообщает 24.kg.', 'Рубеж-2023', 'exercise:rubezh'],
    ['Учение «Эшелон-2021» по тыловому обеспечению, сообщает odkb-csto.org.', 'Эшелон-2021', 'exercise:echelon'],
    ['Специальное учение «Кобальт-2019» прошло под Москвой.', 'Кобальт-2019', 'exercise:cobalt'],
  ])('%s', (text, want, id) => {
    expect(found(matcher, text)).toContainEqual([want, id]);
  });
});

describe('member states\' abbreviations only where the state is named', () => {
  it.each([
    ['АСТАНА. КАЗИНФОРМ — Президент РК Касым-Жомарт Токаев принял делегацию.', 'РК', 'country:kazakhstan'],
    ['Министр обороны РБ провел встречу в Минске, сообщает БелТА.', 'РБ', 'country:belarus'],
    ['БИШКЕК, 24.kg — Правительство КР одобрило соглашение с Кыргызстаном и партнерами.', 'КР', 'country:kyrgyzstan'],
    ['ДУШАНБЕ — «Азия-Плюс». Президент РТ Эмомали Рахмон посетил Душанбе.', 'РТ', 'country:tajikistan'],
    ['Премьер-министр РА Никол Пашинян прибыл в Ереван.', 'РА', 'country:armenia'],
    ['Глава МИД РФ провел переговоры.', 'МИД РФ', 'org:russian-mfa'],
    ['Экономика РФ выросла.', 'РФ', 'country:russia'],
  ])('%s', (text, want, id) => {
    expect(found(matcher, text)).toContainEqual([want, id]);
  });

  it.each([
    ['Глава РК Коми провел совещание в Сыктывкаре.'],
    ['Запуск КР «Калибр» был произведен с корабля.'],
    ['Канал РТ показал репортаж о Татарстане.'],
    ['Власти РБ Башкортостан открыли школу в Уфе.'],
  ])('no state in: %s', (text) => {
    expect(found(matcher, text).filter(([, id]) => id.startsWith('country:'))).toEqual([]);
  });
});

describe('ordinary Russian words are not the exercises and operations', () => {
  it.each([
    'Телеканал показал фильм, а по каналу связи передали сообщение.',
    'Канал прорыли в прошлом веке, по нему идут баржи.',
    'Поиск пропавших туристов продолжается третьи сутки.',
    'Взаимодействие ведомств улучшилось, отметил эксперт.',
    'Он долго жил за рубежом и вернулся домой.',
    'Рубеж в сто миллионов пройден.',
    'Первый эшелон с зерном прибыл на станцию.',
    'Эшелон ушел на рассвете.',
    'Цены на кобальт выросли на бирже.',
    'Кобальт используют в аккумуляторах.',
    'Гром гремел всю ночь.',
    'Прокси-сервер заблокировали.',
  ])('%s', (text) => {
    expect(found(matcher, text).filter(([, id]) => id.startsWith('exercise:') || id.startsWith('operation:'))).toEqual([]);
  });
});

describe('context cues in any case', () => {
  it.each([
    ['Белорусские военные примут участие в учении «Взаимодействие» осенью.', 'Взаимодействие', 'exercise:interaction'],
    ['Руководство учением «Поиск» осуществлял штаб.', 'Поиск', 'exercise:search'],
    ['Операцией «Канал» руководили наркополицейские.', 'Канал', 'operation:channel'],
  ])('%s', (text, want, id) => {
    expect(found(matcher, text)).toContainEqual([want, id]);
  });
});
