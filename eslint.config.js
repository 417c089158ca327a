import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Folder boundaries (ARCHITECTURE.md) are enforced here, not left to memory.
// Each block restates the entrypoint rule: a later block's no-restricted-imports replaces an earlier one's.
const ENTRYPOINTS = { group: ['**/entrypoints/**', '@/entrypoints/**'], message: 'entrypoints are composition roots: nothing imports them.' };
const noImport = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }, ENTRYPOINTS] }],
});

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
    files: ['lib/model/**'],
    rules: noImport(['*', '**/*'], 'lib/model holds plain types and imports nothing.'),
  },
  {
    files: ['lib/match/**', 'lib/nlp/**', 'lib/registry/**', 'lib/anchoring/**', 'lib/annotations/**', 'lib/learn/**'],
    rules: noImport(
      ['dexie', 'dexie-react-hooks', 'react', 'react-dom', '**/kb/**', '**/components/**', '**/entrypoints/**', '**/protocol/**'],
      'pure logic: no database, no UI, no messages (lib/protocol sits above it: importing it back makes a cycle).',
    ),
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
            { group: ['dexie', 'dexie-react-hooks', '**/kb/**'], message: 'components are presentational: props in, callbacks out.', allowTypeImports: true },
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
