/**
 * Property: after any sequence of writes on every path (PutItem, UpdateItem with expressions, DeleteItem,
 * BatchWriteItem, TransactWriteItems; conditions that hold and fail; sparse items; index key values of the wrong
 * type, which are refused and change nothing), the table holds the model's items and every secondary index equals
 * the index rebuilt from them: the items with every index key attribute, in index key order then table key order,
 * each partition likewise, each entry projected as the index's projection says (issue 12).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConditionalCheckFailedException,
  Database,
  ManualClock,
  TransactionCanceledException,
  ValidationException,
  type AttributeMap,
  type Table,
} from '../../src/index.js';
import { T0 } from '../support/time.js';
import {
  LAYOUTS,
  createTableInput,
  itemText,
  projectEntry,
  rebuild,
  type IndexSpec,
  type Layout,
} from './index-reference.js';
import { expected, runWrite, writeOf, type Outcome, type Write } from './index-writes.js';

const TYPE_MISMATCH =
  /^One or more parameter values were invalid: Type mismatch for Index Key \S+ Expected: [SNB] Actual: \S+ IndexName: \S+$/;
/** An empty string or binary index key: a put's text names the index and the key, an update's does not (AWS). */
const EMPTY_KEY_PUT =
  /^One or more parameter values are not valid\. A value specified for a secondary index key is not supported\. The AttributeValue for a key attribute cannot contain an empty (string|binary) value\. IndexName: \S+, IndexKey: \S+$/;
const EMPTY_KEY_UPDATE =
  /^One or more parameter values are not valid\. The update expression attempted to update a secondary index key to a value that is not supported\. The AttributeValue for a key attribute cannot contain an empty (string|binary) value\.$/;

/** The error a write must end with. */
function expectError(thrown: unknown, outcome: Exclude<Outcome, { ok: true }>, write: Write): void {
  switch (outcome.error) {
    case 'mismatch':
      expect(thrown, write.kind).toBeInstanceOf(ValidationException);
      expect(
        [TYPE_MISMATCH, write.kind === 'update' ? EMPTY_KEY_UPDATE : EMPTY_KEY_PUT].some((text) =>
          text.test((thrown as Error).message),
        ),
        (thrown as Error).message,
      ).toBe(true);
      return;
    case 'condition':
      expect(thrown).toBeInstanceOf(ConditionalCheckFailedException);
      return;
    case 'missing-operand':
      expect(thrown).toBeInstanceOf(ValidationException);
      expect((thrown as Error).message).toBe(
        'The provided expression refers to an attribute that does not exist in the item',
      );
      return;
    case 'transaction':
      // A failed condition cancels; an index key of the wrong type cancels (reason ValidationError) or is refused.
      expect(thrown instanceof TransactionCanceledException || thrown instanceof ValidationException).toBe(true);
      return;
  }
}

/** The index as the table keeps it equals the index rebuilt from `items`, whole and partition by partition. */
function expectIndexRebuilt(table: Table, layout: Layout, spec: IndexSpec, items: readonly AttributeMap[]): void {
  const index = table.indexes.get(spec.name);
  if (index === undefined) throw new Error(`no index ${spec.name}`);
  const want = rebuild(layout, spec, items);
  const held = index.ordered();
  expect(held.map(itemText), spec.name).toEqual(want.map(itemText));
  expect(
    held.map((item) => itemText(index.project(item))),
    `${spec.name} projected`,
  ).toEqual(want.map((item) => itemText(projectEntry(layout, spec, item))));
  expect(index.count).toBe(want.length);
  const partitions = new Map<string, AttributeMap[]>();
  for (const item of want) {
    const id = itemText({ v: item[spec.hash.name]! });
    partitions.set(id, [...(partitions.get(id) ?? []), item]);
  }
  for (const members of partitions.values()) {
    const value = members[0]![spec.hash.name]!;
    expect(index.partition(value).map(itemText), `${spec.name} partition ${itemText({ v: value })}`).toEqual(
      members.map(itemText),
    );
  }
}

describe.each(LAYOUTS)('secondary indexes of a table with $name', (layout) => {
  it('equal the index rebuilt from the table after any writes, and a refused write changes nothing', async () => {
    const db = await Database.create({ clock: new ManualClock(T0), seed: 12 });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(writeOf(layout), { minLength: 1, maxLength: 25 }), async (writes) => {
        const table = db.createTable(createTableInput(layout, `indexes_${++run}`));
        let model = new Map<string, AttributeMap>();
        try {
          for (const write of writes) {
            const outcome = expected(layout, model, write);
            let thrown: unknown;
            try {
              runWrite(db, table, layout, write);
            } catch (error) {
              thrown = error;
            }
            if (outcome.ok) {
              if (thrown !== undefined) throw thrown;
              model = outcome.items;
            } else {
              expect(thrown, `${write.kind} must fail (${outcome.error})`).toBeDefined();
              expectError(thrown, outcome, write);
            }
            const items = [...table.items()];
            expect(items.map(itemText).sort()).toEqual([...model.values()].map(itemText).sort());
            for (const spec of layout.indexes) expectIndexRebuilt(table, layout, spec, items);
          }
        } finally {
          db.deleteTable({ TableName: table.name });
        }
      }),
      { seed: 20261207, numRuns: 150 },
    );
  });
});
