/**
 * The wire sits above the database: the database layer never imports it (so a free `listen(db)` serves a
 * database, rather than `db.listen` reaching up), and the wire's operation files share through wire modules,
 * never through one another.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Database, ValidationException } from '../../src/index.js';
import { SRC, importSpecifiers as importsOf } from '../support/source-imports.js';

describe('import layers', () => {
  it('the database layer imports nothing from the wire (no circle through db.listen)', () => {
    const files = [
      'database.ts',
      'database-options.ts',
      ...readdirSync(`${SRC}database`).map((name) => `database/${name}`),
    ];
    for (const file of files) {
      expect(
        importsOf(`${SRC}${file}`).filter((spec) => spec.includes('wire/')),
        file,
      ).toEqual([]);
    }
  });

  it('wire operation files do not import one another', () => {
    for (const name of readdirSync(`${SRC}wire/operations`)) {
      expect(
        importsOf(`${SRC}wire/operations/${name}`).filter((spec) => spec.startsWith('./')),
        name,
      ).toEqual([]);
    }
  });

  it('a key of the wrong type carries its reason, not only its text, and shows as before', async () => {
    const db = await Database.create({ seed: 1 });
    const table = db.createTable({
      TableName: 'orders',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    });
    let thrown: unknown;
    try {
      table.putItem({ Item: { id: { N: '1' } } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationException);
    expect((thrown as ValidationException).reason).toBe('keyTypeMismatch');
    expect(Object.keys(thrown as object)).not.toContain('reason');
    db.close();
  });
});
