/**
 * The condition languages live in src/conditions/, below the table and the wire: they import only the model, the
 * errors and one another, so the table, the wire and (next) the expression evaluator can all use them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CONDITIONS = fileURLToPath(new URL('../../src/conditions/', import.meta.url));

function sourceFiles(folder: string, prefix = ''): string[] {
  return readdirSync(`${folder}${prefix}`, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(folder, `${prefix}${entry.name}/`)
      : entry.name.endsWith('.ts')
        ? [`${prefix}${entry.name}`]
        : [],
  );
}

/** Every module a file names in an import or export, as a path from src/ (relative specifiers resolved). */
function importsOf(file: string): string[] {
  const text = readFileSync(`${CONDITIONS}${file}`, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'([^']+)'/g)].map((match) => match[1] as string);
  return specifiers.map((spec) =>
    spec.startsWith('.') ? new URL(spec, `file:///src/conditions/${file}`).pathname.slice(1) : spec,
  );
}

describe('the conditions layer', () => {
  it('imports only the model, the errors and itself', () => {
    for (const file of sourceFiles(CONDITIONS)) {
      const outside = importsOf(file).filter(
        (path) => !path.startsWith('src/model/') && !path.startsWith('src/conditions/') && path !== 'src/errors.js',
      );
      expect(outside, file).toEqual([]);
    }
  });
});
