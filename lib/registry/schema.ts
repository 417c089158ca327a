import { z } from 'zod';
import { ENTITY_TYPES } from '../model/types';

// The curated registry (assets/registry.json): validated at load time so a bad
// edit fails loudly with the path of the offending entry.

export const contextRuleSchema = z
  .object({
    cues: z.array(z.string().min(1)).min(1),
    window: z.number().int().positive().max(40).optional(),
    yearSuffix: z.boolean().optional(),
    blockCues: z.array(z.string().min(1)).optional(),
    nameMayFollow: z.boolean().optional(), // ru-match: see ContextRule
  })
  .strict();

export const registryAliasSchema = z.union([
  z.string().min(1),
  z
    .object({
      text: z.string().min(1),
      /** Default: true for acronyms (all capitals, digits or Cyrillic capitals), false otherwise. */
      caseSensitive: z.boolean().optional(),
      /** Present on ambiguous forms: they count only in this context. */
      context: contextRuleSchema.optional(),
      lang: z.string().optional(),
      /** Why the form is ambiguous (documentation for reviewers). */
      note: z.string().optional(),
    })
    .strict(),
]);

export const registryFactSchema = z
  .object({
    kind: z.string().min(1),
    text: z.string().min(1),
    objectIds: z.array(z.string()).optional(),
  })
  .strict();

export const registryEntitySchema = z
  .object({
    id: z.string().regex(/^[a-z]+:[a-z0-9-]+$/, 'ids look like "type:slug"'),
    type: z.enum(ENTITY_TYPES),
    name: z.string().min(1),
    description: z.string().min(1),
    /** false: known to the knowledge base (statements, facts, speakers) but not a CSTO entity to
     *  highlight or report as a match, e.g. non-member countries and unrelated officials. */
    highlight: z.boolean().optional(),
    aliases: z.array(registryAliasSchema),
    titles: z.array(z.string().min(1)).optional(),
    related: z.array(z.object({ relation: z.string(), entityId: z.string() }).strict()).optional(),
    facts: z.array(registryFactSchema).optional(),
  })
  .strict();

// --- posts with tenures (issue 17): who held a title when, so a title in a document resolves by its date.
const isoDay = z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'dates look like "2020", "2020-01" or "2020-01-01"');

export const registryHolderSchema = z
  .object({
    /** A registry person id; a holder the entities list lacks also gives `name` and becomes a person entity. */
    personId: z.string().regex(/^person:[a-z0-9-]+$/),
    name: z.string().min(1).optional(),
    from: isoDay,
    /** Absent: still in office. */
    to: isoDay.optional(),
    acting: z.boolean().optional(),
    note: z.string().optional(),
  })
  .strict();

export const registryPostSchema = z
  .object({
    id: z.string().regex(/^post:[a-z0-9-]+$/, 'post ids look like "post:slug"'),
    /** The body or organization the post belongs to, when it is in the registry. */
    of: z.string().optional(),
    /** Unambiguous titles ("CSTO Secretary General"): they name the holder at the document's date. */
    titles: z.array(z.string().min(1)).min(1),
    /** Ambiguous short forms ("the Secretary General"): used only when no person with such a title was named before. */
    shortTitles: z.array(z.string().min(1)).optional(),
    holders: z.array(registryHolderSchema).min(1),
  })
  .strict();
// --- end posts

export const registrySchema = z
  .object({
    version: z.number().int().positive(),
    entities: z.array(registryEntitySchema),
    posts: z.array(registryPostSchema).optional(),
  })
  .strict();

export type RegistryAlias = z.infer<typeof registryAliasSchema>;
export type RegistryEntity = z.infer<typeof registryEntitySchema>;
export type Registry = z.infer<typeof registrySchema>;
export type RegistryPost = z.infer<typeof registryPostSchema>;
