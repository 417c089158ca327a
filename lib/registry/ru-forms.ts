import type { Alias } from '../model/types';

// Case forms of the registry's Russian aliases, generated at build time from morphology
// libraries (scripts/gen-ru-forms.ts → assets/ru-forms.json) and added to the aliases here, so
// the matcher needs no endings of its own: "Сергей Лавров" brings "Сергея Лаврова", "Сергею
// Лаврову", "Сергеем Лавровым", "Сергее Лаврове"; "Лавров*" (a stem marker) is replaced by them.

/** Bump when the generator's output changes for the same registry. */
export const RU_FORMS_GENERATOR = 1;

export interface RuForms {
  generator: number;
  /** Alias as written in the registry → its other case forms. */
  forms: Record<string, string[]>;
}

/** The aliases with every generated form of theirs, each form an alias of the same entity with the
 *  same case sensitivity, context rule and language. A form an entity already has is not added twice. */
export function withRuForms(aliases: readonly Alias[], ruForms: RuForms): Alias[] {
  const out: Alias[] = [];
  const seen = new Set<string>();
  const add = (a: Alias) => {
    const k = `${a.entityId}\u0000${a.text}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(a);
  };
  for (const a of aliases) add(a);
  const generated: Alias[] = [];
  for (const a of out) {
    const forms = Object.hasOwn(ruForms.forms, a.text) ? ruForms.forms[a.text]! : null;
    if (!forms) continue;
    for (const text of forms) generated.push({ ...a, text });
  }
  for (const g of generated) add(g);
  // A stem marker ("Лавров*") gives way to the generated forms where there are any.
  return out.filter((a) => !(a.text.endsWith('*') && Object.hasOwn(ruForms.forms, a.text)));
}
