/** The items and row builders the API-level expression rows share. */
import { B, BOOL, BS, L, M, N, NS, NULL, S, SS, type ApiCase, type Item } from './case-types.js';

/** The key of the item most rows work on. */
export const K: Item = { pk: S('p'), sk: N('1') };

/** An item with an attribute of every type: maps and lists two deep. */
export const FULL: Item = {
  ...K,
  n: N('5'),
  s: S('héllo'),
  b: B(1, 2, 3),
  ss: SS('a', 'b'),
  ns: NS('1', '2'),
  bs: BS([1], [2]),
  t: BOOL(true),
  z: NULL,
  l: L(S('x'), N('2'), M({ p: S('q') })),
  m: M({ p: N('1'), q: M({ r: S('deep') }) }),
};

/** Three items of one partition, for reads. */
export const PARTITION: Item[] = [
  { pk: S('p'), sk: N('1'), n: N('1'), s: S('apple'), l: L(N('1'), N('2')), m: M({ p: S('a') }) },
  { pk: S('p'), sk: N('2'), n: N('2'), s: S('banana'), ss: SS('x', 'y') },
  { pk: S('p'), sk: N('3'), n: N('3'), s: S('cherry'), l: L(S('c')) },
  { pk: S('other'), sk: N('1'), n: N('4') },
];

type Values = Record<string, import('@aws-sdk/client-dynamodb').AttributeValue>;
type Names = Record<string, string>;

const placeholders = (values?: Values, names?: Names) => ({
  ...(values === undefined ? {} : { ExpressionAttributeValues: values }),
  ...(names === undefined ? {} : { ExpressionAttributeNames: names }),
});

/** An UpdateItem of FULL's key (ReturnValues ALL_NEW unless told). */
export function update(
  name: string,
  items: Item[],
  UpdateExpression: string,
  values?: Values,
  names?: Names,
  extra: Record<string, unknown> = {},
): ApiCase {
  return {
    name,
    items,
    op: 'UpdateItem',
    input: { Key: K, UpdateExpression, ...placeholders(values, names), ReturnValues: 'ALL_NEW', ...extra },
  };
}

/** A conditional write: `op` with `ConditionExpression` (ReturnValues ALL_OLD where the operation takes it). */
export function conditional(
  name: string,
  items: Item[],
  op: 'PutItem' | 'DeleteItem' | 'UpdateItem',
  ConditionExpression: string,
  values?: Values,
  names?: Names,
  extra: Record<string, unknown> = {},
): ApiCase {
  const target =
    op === 'PutItem'
      ? { Item: { ...K, written: S('yes') } }
      : op === 'DeleteItem'
        ? { Key: K }
        : { Key: K, UpdateExpression: 'SET written = :written' };
  const written: Values = op === 'UpdateItem' ? { ':written': S('yes') } : {};
  const merged = values === undefined && op !== 'UpdateItem' ? undefined : { ...written, ...values };
  return {
    name,
    items,
    op,
    input: { ...target, ConditionExpression, ...placeholders(merged, names), ReturnValues: 'ALL_OLD', ...extra },
  };
}

/** A read (GetItem of K, Query, Scan) with its input as given. */
export function read(
  name: string,
  items: Item[],
  op: 'GetItem' | 'Query' | 'Scan',
  input: Record<string, unknown>,
): ApiCase {
  return { name, items, op, input: op === 'GetItem' ? { Key: K, ...input } : input };
}
