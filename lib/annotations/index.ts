// Public API of the annotation core (pure: no DOM, no database).
export * from './hlc';
export * from './model';
export { canonicalUrl } from './canonical-url';
export * from './export';
export { parseImport, planImport, formatPath, type ImportResult, type ImportPlan } from './import';
