/**
 * The condition languages live in src/conditions/, below the table and the wire: they import only the model, the
 * errors and one another, so the table, the wire and (next) the expression evaluator can all use them.
 */
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRC, importSpecifiers, sourceFiles } from '../support/source-imports.js';

const CONDITIONS = `${SRC}conditions/`;

/** Every module a file names in an import or export, as a path from src/ (relative specifiers resolved). */
function importsOf(file: string): string[] {
  return importSpecifiers(`${CONDITIONS}${file}`).map((spec) =>
    spec.startsWith('.') ? new URL(spec, `file:///src/conditions/${file}`).pathname.slice(1) : spec,
  );
}

describe('the conditions layer', () => {
  it('imports only the model, the errors and itself', () => {
    for (const file of sourceFiles(CONDITIONS).map((path) => relative(CONDITIONS, path))) {
      const outside = importsOf(file).filter(
        (path) => !path.startsWith('src/model/') && !path.startsWith('src/conditions/') && path !== 'src/errors.js',
      );
      expect(outside, file).toEqual([]);
    }
  });
});
