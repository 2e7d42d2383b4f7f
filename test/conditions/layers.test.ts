/**
 * The comparison core lives in src/conditions/, below the expressions, the table and the wire: it imports only the
 * model, the errors and itself, so the expression evaluator (and through it the legacy parameters) can use it.
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
