import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import mapKeysAreData from './eslint/map-keys-are-data.js';

// Real time, real timers and randomness come only from src/clock/ (ARCHITECTURE.md, "Time").
const nonDeterministic = [
  { object: 'Date', property: 'now', message: 'Read time from the injected Clock (src/clock/).' },
  { object: 'Math', property: 'random', message: "Use the Database's seeded generator." },
  { object: 'performance', property: 'now', message: 'Read time from the injected Clock (src/clock/).' },
];
const noRealTimers = [
  { name: 'setTimeout', message: 'Schedule on the injected Clock (src/clock/).' },
  { name: 'setInterval', message: 'Schedule on the injected Clock (src/clock/).' },
];
// A test's fake timers own these: a wait on them hangs under vi.useFakeTimers(). Wait with promises, or
// turnEventLoop() (src/clock/event-loop.ts) when an I/O answer must come in.
const noMacrotasks = [
  { name: 'setImmediate', message: 'Fake timers freeze it: wait with promises, or turnEventLoop() from src/clock/.' },
  { name: 'MessageChannel', message: 'Use turnEventLoop() from src/clock/event-loop.ts.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/clock/**'],
    rules: {
      'no-restricted-properties': ['error', ...nonDeterministic],
      'no-restricted-globals': ['error', ...noRealTimers, ...noMacrotasks],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read time from the injected Clock (src/clock/).',
        },
      ],
    },
  },
  {
    // Where items, keys and the maps of requests and responses are decoded, consumed and built
    // (eslint/map-keys-are-data.js). Typed linting costs a TypeScript program, so only these folders pay for it.
    files: [
      'src/wire/**/*.ts',
      'src/database.ts',
      'src/table/**/*.ts',
      'src/model/**/*.ts',
      'src/validation/**/*.ts',
      'src/stream/**/*.ts',
      'src/lambda/**/*.ts',
    ],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { shardline: { rules: { 'map-keys-are-data': mapKeysAreData } } },
    rules: { 'shardline/map-keys-are-data': 'error' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...noRealTimers],
    },
  },
);
