import type { Alias, Entity } from '../model/types';
import { isAcronym } from '../match';
import type { Registry, RegistryAlias } from './schema';
import { registrySchema } from './schema';
import ruFormsJson from '../../assets/ru-forms.json';
import { withRuForms, type RuForms } from './ru-forms';

/** The case forms of the Russian aliases, generated at build time (scripts/gen-ru-forms.ts). */
export const BUNDLED_RU_FORMS: RuForms = ruFormsJson;

// The registry as the knowledge base stores it: entities and their surface forms.

export function parseRegistry(json: unknown): Registry {
  const result = registrySchema.safeParse(json);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new Error(`registry.json is invalid at ${first?.path.join('.') ?? '?'}: ${first?.message ?? result.error.message}`);
  }
  return result.data;
}

export function toAlias(entityId: string, alias: RegistryAlias): Alias {
  if (typeof alias === 'string') return { text: alias, entityId, caseSensitive: isAcronym(alias) };
  return {
    text: alias.text,
    entityId,
    caseSensitive: alias.caseSensitive ?? isAcronym(alias.text),
    ...(alias.context ? { context: alias.context } : {}),
    ...(alias.lang ? { lang: alias.lang } : {}),
  };
}

export function registryEntities(registry: Registry): Entity[] {
  return registry.entities.map((e) => ({
    id: e.id,
    type: e.type,
    name: e.name,
    description: e.description,
    origin: 'registry' as const,
    ...(e.highlight === false ? { highlight: false } : {}),
    ...(e.titles ? { titles: e.titles } : {}),
    ...(e.related ? { related: e.related } : {}),
  }));
}

/** Every surface form, the canonical name included, once per entity. The registry's own
 *  entry for a form wins over the bare name, so a name that is ambiguous keeps its context rule.
 *  Russian aliases bring their generated case forms (`ruForms`). */
export function registryAliases(registry: Registry, ruForms: RuForms = BUNDLED_RU_FORMS): Alias[] {
  return withRuForms(writtenAliases(registry), ruForms);
}

/** The aliases as the registry writes them, without generated forms. */
export function writtenAliases(registry: Registry): Alias[] {
  const out: Alias[] = [];
  for (const e of registry.entities) {
    const seen = new Set<string>();
    for (const a of [...e.aliases, e.name]) {
      const alias = toAlias(e.id, a);
      if (seen.has(alias.text)) continue;
      seen.add(alias.text);
      out.push(alias);
    }
  }
  return out;
}
