// Lint rules. The engine and the userland programs must be deterministic: simulated time only,
// the seeded rng only, and no DOM, so they run the same in a Worker, in Node and in benchmarks.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const determinism = {
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Use the simulated clock (Clock.now()).' },
    { object: 'performance', property: 'now', message: 'Use the simulated clock (Clock.now()).' },
    { object: 'Math', property: 'random', message: 'Use the seeded Rng.' },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'Schedule on the simulated clock.' },
    { name: 'setInterval', message: 'Schedule on the simulated clock.' },
    { name: 'document', message: 'The engine has no DOM.' },
    { name: 'window', message: 'The engine has no DOM.' },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'new Date() reads the wall clock; use the simulated clock.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/generated', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['src/engine/**/*.ts', 'src/userland/**/*.ts'], ignores: ['**/*.test.ts'], rules: determinism },
);
