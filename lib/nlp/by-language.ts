// ru-match: the statement extractor for a text's language. Russian texts (most of their letters
// Cyrillic) go to ru-statements.ts, every other text to the English extractor (statements.ts).
import { guessLanguage } from '../match/lang';
import { extractRuStatements } from './ru-statements';
import { extractStatements as extractOther } from './statements';

export function extractStatements(...args: Parameters<typeof extractOther>): ReturnType<typeof extractOther> {
  const [text, sentences, mentions, entities] = args;
  return guessLanguage(text) === 'ru' ? extractRuStatements(text, sentences, mentions, entities) : extractOther(...args);
}
