/**
 * Query reads a partition index (src/table/partition-index.ts) that the first Query builds and every later write
 * keeps up to date. Property: after any mix of puts, overwrites, deletes, batches and queries, on every key type,
 * each Query answers what filtering and sorting the whole table would.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationException, type AttributeMap, type AttributeValue } from '../../src/index.js';
import { makeDb } from '../support/database.js';
import { makeTable } from '../support/tables.js';

type KeyType = 'S' | 'N' | 'B';

/** Few values per type, so writes meet; numbers written several ways are one key ('1', '1.0', '01'). */
const VALUES: Record<KeyType, AttributeValue[]> = {
  S: ['a', 'b', 'ab', 'é'].map((S) => ({ S })),
  N: ['1', '1.0', '01', '-2', '10', '0.5'].map((N) => ({ N })),
  B: [[1], [1, 0], [2], [0, 255]].map((bytes) => ({ B: new Uint8Array(bytes) })),
};

type Op =
  | { kind: 'put'; pk: number; sk: number; v: number }
  | { kind: 'delete'; pk: number; sk: number }
  | { kind: 'batch'; pks: number[] }
  | { kind: 'query'; pk: number; forward: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('put' as const), pk: fc.nat(3), sk: fc.nat(5), v: fc.nat(2) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pk: fc.nat(3), sk: fc.nat(5) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('batch' as const),
      pks: fc.uniqueArray(fc.nat(3), { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('query' as const), pk: fc.nat(3), forward: fc.boolean() }) },
);

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

/** The naive answer: every item of the partition, sorted by sort key. */
function expected(
  items: AttributeMap[],
  pk: AttributeValue,
  pkType: KeyType,
  skType: KeyType | undefined,
  forward: boolean,
): AttributeMap[] {
  const same = (a: AttributeValue, b: AttributeValue) =>
    pkType === 'B'
      ? compareBytes(a.B as Uint8Array, b.B as Uint8Array) === 0
      : pkType === 'N'
        ? Number(a.N) === Number(b.N)
        : a.S === b.S;
  const found = items.filter((item) => same(item.id as AttributeValue, pk));
  if (skType !== undefined) {
    found.sort((x, y) => {
      const a = x.sk as AttributeValue;
      const b = y.sk as AttributeValue;
      if (skType === 'N') return Number(a.N) - Number(b.N);
      if (skType === 'B') return compareBytes(a.B as Uint8Array, b.B as Uint8Array);
      // The test's strings are all in the Basic Multilingual Plane, where UTF-16 order is UTF-8 order.
      return (a.S as string) < (b.S as string) ? -1 : (a.S as string) > (b.S as string) ? 1 : 0;
    });
  }
  return forward ? found : found.reverse();
}

describe('Query over the partition index', () => {
  it('answers what filtering and sorting the whole table would, after any writes, on every key type', async () => {
    const types = fc.constantFrom<KeyType>('S', 'N', 'B');
    await fc.assert(
      fc.asyncProperty(
        types,
        fc.option(types, { nil: undefined }),
        fc.array(op, { maxLength: 40 }),
        async (pkType, skType, ops) => {
          const { db } = await makeDb();
          const table = makeTable(db, { partitionKey: { name: 'id', type: pkType }, sortKey: skType });
          const pkOf = (i: number) => VALUES[pkType][i % VALUES[pkType].length] as AttributeValue;
          const keyOf = (pk: number, sk: number): AttributeMap =>
            skType === undefined
              ? { id: pkOf(pk) }
              : { id: pkOf(pk), sk: VALUES[skType][sk % VALUES[skType].length] as AttributeValue };
          for (const o of ops) {
            if (o.kind === 'put') table.putItem({ Item: { ...keyOf(o.pk, o.sk), v: { N: String(o.v) } } });
            else if (o.kind === 'delete') table.deleteItem({ Key: keyOf(o.pk, o.sk) });
            else if (o.kind === 'batch') {
              // Two indexes may name one number ('1' and '1.0'): a duplicate, refused whole, and nothing changes.
              try {
                db.batchWriteItem({
                  RequestItems: {
                    items: o.pks.map((pk) => ({ PutRequest: { Item: { ...keyOf(pk, pk), v: { N: '9' } } } })),
                  },
                });
              } catch (error) {
                if (!(error instanceof ValidationException)) throw error;
              }
            } else {
              const pk = pkOf(o.pk);
              const { Items } = table.query({
                KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [pk] } },
                ScanIndexForward: o.forward,
              });
              expect(Items).toEqual(expected([...table.items()], pk, pkType, skType, o.forward));
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
