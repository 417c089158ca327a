// Public API of the NLP extraction (pure TypeScript; runs in the service worker and in Node).
export type { EntityInfo, MentionIn, PostInfo, ExtractOptions } from './common';
export { holderAt } from './common';
export { splitSentences, type SentenceSpan } from './sentences';
export { type ExtractedStatement } from './statements';
export { extractFacts, type ExtractedFact } from './facts';
export { findPeople, personIdFor, type PersonCandidate } from './people';
export { findQuotePieces, type QuotePiece } from './quotes';
// Statements are extracted by the document's language (stated, or read from its letters: Russian → ru-statements.ts).
export { extractStatementsFor, statementExtractorFor, type StatementExtractor } from './extract';
export { roleBefore, roleAfter } from './people';
