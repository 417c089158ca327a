import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Folder boundaries (ARCHITECTURE.md) are enforced here, not left to memory.
// Each block restates the entrypoint rule: a later block's no-restricted-imports replaces an earlier one's.
const ENTRYPOINTS = { group: ['**/entrypoints/**', '@/entrypoints/**'], message: 'entrypoints are composition roots: nothing imports them.' };
const noImport = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }, ENTRYPOINTS] }],
});
// An allow-list: every import whose specifier the regex matches is refused.
const noImportRegex = (regex, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ regex, message }, ENTRYPOINTS] }],
});
const ANNOTATION_STORE = 'lib/annotations/store*.ts';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', '.cache/**', 'node_modules/**', 'tests/e2e/artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests may load an entrypoint to exercise its wiring; production code never does.
    files: ['entrypoints/**', 'lib/**', 'components/**', 'scripts/**', 'server/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ENTRYPOINTS] }] },
  },
  {
    // Data that crosses contexts: plain types, naming only each other (./annotation, ./types ...).
    files: ['lib/model/**'],
    rules: noImportRegex('^(?!\\./[\\w-]+$)', 'lib/model holds plain types and imports nothing but lib/model.'),
  },
  {
    // The two message maps (to the background, to a tab) name only plain types: lib/model and the matcher's packed spans.
    files: ['lib/protocol/**'],
    rules: noImportRegex(
      '^(?!@webext-core/messaging$|\\.\\./model/[\\w-]+$|\\.\\./match/spans$|\\./to-(background|tab)$)',
      'lib/protocol imports only lib/model types (and lib/match/spans): the code behind the messages sits above it.',
    ),
  },
  {
    files: ['lib/match/**', 'lib/nlp/**', 'lib/registry/**', 'lib/anchoring/**', 'lib/annotations/**', 'lib/learn/**'],
    ignores: [ANNOTATION_STORE],
    rules: noImport(
      ['dexie', 'dexie-react-hooks', 'react', 'react-dom', '**/db/**', '**/kb/**', '**/components/**', '**/entrypoints/**', '**/protocol/**'],
      'pure logic: no database, no UI, no messages (lib/protocol sits above it: importing it back makes a cycle).',
    ),
  },
  {
    // The annotation store (lib/annotations/store*.ts) writes the reader's records through lib/db;
    // the rest of lib/annotations stays pure. It never reaches into the knowledge base or the UI.
    files: [ANNOTATION_STORE],
    rules: noImport(
      ['dexie-react-hooks', 'react', 'react-dom', '**/kb/**', '**/components/**', '**/protocol/**', '**/ui/**', '**/page/**'],
      'the annotation store sits on lib/db, below the knowledge base, the messages and the UI.',
    ),
  },
  {
    // The database room: the schema, its versions, typed tables and meta. Everything else builds on it.
    files: ['lib/db/**'],
    rules: noImport(
      ['dexie-react-hooks', 'react', 'react-dom', '**/kb/**', '**/sync/**', '**/protocol/**', '**/ui/**', '**/page/**', '**/components/**', '**/annotations/store*'],
      'lib/db holds the schema and typed tables; it names row types, never the code that reads them.',
    ),
  },
  {
    // Sync moves the reader's records; it never depends on the knowledge base.
    files: ['lib/sync/**'],
    rules: noImport(['**/kb/**', '**/components/**', '**/protocol/**'], 'lib/sync never imports lib/kb (nor the page messages or components).'),
  },
  {
    // The knowledge base answers the messages; the message map names its types, never the reverse.
    files: ['lib/kb/**'],
    rules: noImport(['**/protocol/**', '**/components/**', 'react', 'react-dom'], 'lib/kb sits below lib/protocol and the UI: importing them makes a cycle.'),
  },
  {
    files: ['lib/dom/**'],
    rules: noImport(['dexie', 'dexie-react-hooks', 'compromise', '**/kb/**', '**/nlp/**'], 'the content script never touches Dexie or the NLP.'),
  },
  {
    // Components may name the view-model types they render, never the code behind them.
    files: ['components/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['dexie', 'dexie-react-hooks', '**/kb/**', '**/db/**', '**/protocol/**'], message: 'components are presentational: props in, callbacks out.', allowTypeImports: true },
            // Hooks that read data (lib/**/use-*.ts) run in the entrypoint or a container beside it, which passes props.
            // React's own hooks (useState, useEffect) for local UI state stay allowed.
            { group: ['**/lib/**/use-*', 'dexie-react-hooks'], message: 'components never call data hooks: the page calls them and passes the result as props.', allowTypeImports: true },
            ENTRYPOINTS,
          ],
        },
      ],
    },
  },
  {
    files: ['server/**'],
    rules: noImport(['**/kb/**', '**/dom/**', '**/components/**', 'dexie', 'react', 'wxt/**'], 'the server shares only lib/sync wire types and lib/model.'),
  },
);
