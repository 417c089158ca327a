import { EntityMatcher, type MatcherSnapshot } from '../match/entities';
import type { CompileMatcher } from './matcher-script';

/** The page matcher script's compiler (entrypoints/page-matcher.ts): the background sends what
 *  KnowledgeService.matcherSnapshot() made (typed arrays, loaded without compiling). */
export const compilePageMatcher: CompileMatcher = (data) => new EntityMatcher(data as MatcherSnapshot);
