// Public API of the annotation core (pure: no DOM, no database).
export * from './hlc';
export * from './model';
export { canonicalUrl } from './canonical-url';
export * from './export';
export { openImport, readImport, readItems, planImport, formatPath, countNotes, MAX_ITEMS, type ImportFile, type ImportRead, type Rejection, type ImportPlan } from './import';
