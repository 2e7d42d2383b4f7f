/**
 * The layers of src/ (docs/architecture.md): each file imports only from its own layer or a lower one, no import
 * chain comes back to where it started, and no file holds more than one concept's worth of lines.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRC, importSpecifiers, sourceFiles } from '../support/source-imports.js';

/** Low to high. `errors.ts` sits with the model: AWS's error classes carry model values. */
const LAYERS = [
  ['model', 'errors.ts'],
  ['validation'],
  ['clock'],
  ['events'],
  ['stream'],
  ['conditions'],
  ['expression'],
  ['table'],
  ['database', 'database.ts', 'database-options.ts'],
  ['reader'],
  ['lambda'],
  ['testing'],
  ['wire'],
  ['public'],
  ['cli'],
  ['index.ts'],
];

function layerOf(file: string): number {
  const top = relative(SRC, file).split(/[\\/]/)[0] as string;
  const layer = LAYERS.findIndex((names) => names.includes(top));
  if (layer < 0)
    throw new Error(`${relative(SRC, file)} is in no layer: add its folder to LAYERS and to docs/architecture.md`);
  return layer;
}

/** The src/ files a file imports or re-exports, static or dynamic, type-only included. */
function importsOf(file: string): string[] {
  return importSpecifiers(file)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => normalize(join(dirname(file), spec.replace(/\.js$/, '.ts'))));
}

const graph = new Map(sourceFiles(SRC).map((file) => [file, importsOf(file)]));

describe('the layers of src/', () => {
  it('no file imports from a higher layer', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) {
        if (layerOf(target) > layerOf(file)) upward.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('no import chain is a circle', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      path.push(file);
      for (const target of graph.get(file) ?? []) {
        if (state.get(target) === 'open') {
          circles.push([...path.slice(path.indexOf(target)), target].map((f) => relative(SRC, f)).join(' -> '));
        } else if (state.get(target) === undefined && graph.has(target)) {
          visit(target);
        }
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (state.get(file) === undefined) visit(file);
    expect(circles).toEqual([]);
  });

  it('no file is over about 400 lines (410, room for the formatter to wrap a long call)', () => {
    const long = [...graph.keys()]
      .map((file) => ({ file: relative(SRC, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 410);
    expect(long).toEqual([]);
  });

  it('every import names a file that exists', () => {
    const missing = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((target) => !graph.has(target))
        .map((target) => `${relative(SRC, file)} -> ${relative(SRC, target)}`),
    );
    expect(missing).toEqual([]);
  });
});
