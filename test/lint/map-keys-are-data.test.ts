/**
 * The lint rule that keeps map keys data (eslint/map-keys-are-data.js): it reports the three patterns that lost
 * data behind a 200 (issue 9, items 1-3), and passes the safe forms the code uses instead.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';

// A plain JavaScript module, loaded as ESLint loads it (the path as a string keeps TypeScript from typing it).
const rulePath: string = '../../eslint/map-keys-are-data.js';
const { default: rule } = (await import(rulePath)) as { default: Rule.RuleModule };

RuleTester.describe = describe;
RuleTester.it = it;

// The examples are typed in TypeScript's default project, in a folder with no tsconfig.json (the project's own
// would cost a whole program).
const folder = tmpdir();
const tester = new RuleTester({
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: { projectService: { allowDefaultProject: ['*.ts'] }, tsconfigRootDir: folder },
  },
});

const filename = join(folder, 'map-keys-example.ts');

tester.run('map-keys-are-data', rule, {
  valid: [
    // A key of a literal type, a number, a symbol: names of the code, not data.
    { filename, code: "declare const kind: 'Put' | 'Delete'; const out: Record<string, number> = {}; out[kind] = 1;" },
    { filename, code: 'const list: number[] = []; declare const i: number; list[i] = 1;' },
    { filename, code: 'declare const tag: unique symbol; const out: Record<symbol, number> = {}; out[tag] = 1;' },
    { filename, code: 'const out: Record<string, number> = {}; out.fixed = 1;' },
    // The safe forms: Object.hasOwn, a spread, a Map.
    { filename, code: 'declare const key: string; declare const map: object; Object.hasOwn(map, key);' },
    { filename, code: 'declare const source: object; const copy = { ...source }; void copy;' },
    { filename, code: 'declare const key: string; new Map<string, number>().set(key, 1);' },
    { filename, code: "declare const item: object; if ('put' in item) void item;" },
  ],
  invalid: [
    {
      filename,
      code: 'declare const table: string; const decoded: Record<string, unknown> = {}; decoded[table] = [];',
      errors: [{ messageId: 'computedWrite' }],
    },
    {
      filename,
      code: 'declare const key: string; declare const value: unknown; const out: Record<string, unknown> = {}; out[key] ??= value;',
      errors: [{ messageId: 'computedWrite' }],
    },
    {
      filename,
      code: 'declare const key: string; declare const map: object; if (key in map) void map;',
      errors: [{ messageId: 'inOperator' }],
    },
    {
      filename,
      code: 'declare const source: object; Object.assign({}, source);',
      errors: [{ messageId: 'objectAssign' }],
    },
  ],
});
