// The statement extractor for a document's language. English is the default; other languages
// (lib/nlp/ru-*.ts) register here, so callers never pick an extractor themselves.
import type { EntityInfo, ExtractOptions, MentionIn } from './common';
import type { SentenceSpan } from './sentences';
import { extractStatements, type ExtractedStatement } from './statements';
import { extractRuStatements } from './ru-statements';
import { guessLanguage } from '../match/lang';

export type StatementExtractor = (
  text: string,
  sentences: SentenceSpan[],
  mentions: MentionIn[],
  entities: Map<string, EntityInfo>,
  opts: ExtractOptions,
) => ExtractedStatement[];

const BY_LANG: Record<string, StatementExtractor> = {
  en: extractStatements,
  ru: (text, sentences, mentions, entities) => extractRuStatements(text, sentences, mentions, entities),
};

export function statementExtractorFor(lang: string | null | undefined): StatementExtractor {
  return BY_LANG[(lang ?? 'en').slice(0, 2).toLowerCase()] ?? extractStatements;
}

export function extractStatementsFor(
  text: string,
  sentences: SentenceSpan[],
  mentions: MentionIn[],
  entities: Map<string, EntityInfo>,
  opts: ExtractOptions = {},
): ExtractedStatement[] {
  // A document that does not say its language is read by its letters (Cyrillic → Russian).
  return statementExtractorFor(opts.lang ?? guessLanguage(text))(text, sentences, mentions, entities, opts);
}
