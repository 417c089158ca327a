import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RU_FORMS_PATH, renderRuForms } from '../../../scripts/gen-ru-forms';
import { initMorphology, nameForms, personForms } from '../../../scripts/lib/ru-forms';
import { withRuForms } from '../../../lib/registry/ru-forms';

// The generated Russian case forms: what the morphology libraries give, and that the committed
// assets/ru-forms.json is exactly what the generator makes from today's registry.

beforeAll(() => initMorphology(), 30_000);

describe('case forms from az (names with a head noun)', () => {
  it.each([
    ['Совет министров иностранных дел', ['Совет министров иностранных дел', 'Совета министров иностранных дел', 'Совету министров иностранных дел', 'Совет министров иностранных дел', 'Советом министров иностранных дел', 'Совете министров иностранных дел']],
    ['Кыргызская Республика', ['Кыргызская Республика', 'Кыргызской Республики', 'Кыргызской Республике', 'Кыргызскую Республику', 'Кыргызской Республикой', 'Кыргызской Республике']],
    ['Ближний Восток', ['Ближний Восток', 'Ближнего Востока', 'Ближнему Востоку', 'Ближний Восток', 'Ближним Востоком', 'Ближнем Востоке']],
    ['Коллективные силы оперативного реагирования', ['Коллективные силы оперативного реагирования', 'Коллективных сил оперативного реагирования', 'Коллективным силам оперативного реагирования', 'Коллективные силы оперативного реагирования', 'Коллективными силами оперативного реагирования', 'Коллективных силах оперативного реагирования']],
    ['Алма-Ата', ['Алма-Ата', 'Алма-Аты', 'Алма-Ате', 'Алма-Ату', 'Алма-Атой', 'Алма-Ате']],
    ['таджикско-афганская граница', ['таджикско-афганская граница', 'таджикско-афганской границы', 'таджикско-афганской границе', 'таджикско-афганскую границу', 'таджикско-афганской границей', 'таджикско-афганской границе']],
    ['Генеральный секретарь ОДКБ', ['Генеральный секретарь ОДКБ', 'Генерального секретаря ОДКБ', 'Генеральному секретарю ОДКБ', 'Генерального секретаря ОДКБ', 'Генеральным секретарём ОДКБ', 'Генеральном секретаре ОДКБ']],
  ])('%s', (text, want) => {
    expect(nameForms(text)).toEqual(want);
  });

  it.each([['ОДКБ'], ['Алматы'], ['75-летие Победы']])('leaves %s alone (no declinable head)', (text) => {
    expect(nameForms(text)).toBeNull();
  });
});

describe('case forms from petrovich (personal names)', () => {
  it.each([
    ['Сергей Лавров', 'male', ['Сергей Лавров', 'Сергея Лаврова', 'Сергею Лаврову', 'Сергея Лаврова', 'Сергеем Лавровым', 'Сергее Лаврове']],
    ['Станислав Зась', 'male', ['Станислав Зась', 'Станислава Зася', 'Станиславу Засю', 'Станислава Зася', 'Станиславом Засем', 'Станиславе Засе']],
    ['Мария Захарова', 'female', ['Мария Захарова', 'Марии Захаровой', 'Марии Захаровой', 'Марию Захарову', 'Марией Захаровой', 'Марии Захаровой']],
    ['Касым-Жомарт Токаев', 'male', ['Касым-Жомарт Токаев', 'Касым-Жомарта Токаева', 'Касым-Жомарту Токаеву', 'Касым-Жомарта Токаева', 'Касым-Жомартом Токаевым', 'Касым-Жомарте Токаеве']],
    ['Тасмагамбетов', 'male', ['Тасмагамбетов', 'Тасмагамбетова', 'Тасмагамбетову', 'Тасмагамбетова', 'Тасмагамбетовым', 'Тасмагамбетове']],
    ['Николай Бордюжа', 'male', ['Николай Бордюжа', 'Николая Бордюжи', 'Николаю Бордюже', 'Николая Бордюжу', 'Николаем Бордюжой', 'Николае Бордюже', 'Николаем Бордюжей']],
  ] as const)('%s (%s)', (text, gender, want) => {
    expect(personForms(text, gender)).toEqual(want);
  });
});

describe('withRuForms', () => {
  it('adds every form with the alias\'s rule and replaces a stem marker', () => {
    const ctx = { cues: ['учения'], yearSuffix: true };
    const out = withRuForms(
      [
        { text: 'Лавров*', entityId: 'person:lavrov', caseSensitive: false, lang: 'ru' },
        { text: 'Поиск', entityId: 'exercise:search', caseSensitive: true, context: ctx },
      ],
      { generator: 1, forms: { 'Лавров*': ['Лавров', 'Лаврова'], Поиск: ['Поиска'] } },
    );
    expect(out).toEqual([
      { text: 'Поиск', entityId: 'exercise:search', caseSensitive: true, context: ctx },
      { text: 'Лавров', entityId: 'person:lavrov', caseSensitive: false, lang: 'ru' },
      { text: 'Лаврова', entityId: 'person:lavrov', caseSensitive: false, lang: 'ru' },
      { text: 'Поиска', entityId: 'exercise:search', caseSensitive: true, context: ctx },
    ]);
  });
});

describe('assets/ru-forms.json', () => {
  it('is what scripts/gen-ru-forms.ts makes from the registry (run it after editing Russian aliases)', async () => {
    expect(readFileSync(RU_FORMS_PATH, 'utf8')).toBe(await renderRuForms());
  }, 60_000);
});
