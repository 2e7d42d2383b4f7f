/**
 * The reference model of the secondary-index property tests: two table layouts with several GSIs and LSIs over S, N
 * and B keys with each projection type, random items over small value domains (so index keys collide and ties are
 * broken by the table key), and an index rebuilt from a table's items the plain way: keep the items that have every
 * index key attribute, sort by index key then table key, project.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/SecondaryIndexes.html
 */
import fc from 'fast-check';
import type { AttributeMap, AttributeValue, CreateTableInput } from '../../src/index.js';
import type { GlobalSecondaryIndex, LocalSecondaryIndex } from '../../src/table/index-definition.js';

export type KeyType = 'S' | 'N' | 'B';
export type ProjectionType = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';

export interface KeyName {
  name: string;
  type: KeyType;
}

/** One index as the test defines it (independently of what the table makes of it). */
export interface IndexSpec {
  name: string;
  kind: 'GLOBAL' | 'LOCAL';
  hash: KeyName;
  range?: KeyName;
  projection: ProjectionType;
  nonKey?: string[];
}

export interface Layout {
  name: string;
  hash: KeyName;
  range?: KeyName;
  indexes: IndexSpec[];
}

const S = (name: string): KeyName => ({ name, type: 'S' });
const N = (name: string): KeyName => ({ name, type: 'N' });
const B = (name: string): KeyName => ({ name, type: 'B' });

/**
 * Layout 1: a string hash and number range table with three GSIs and three LSIs. Layout 2: a binary hash-only
 * table (no LSI can exist) with GSIs whose keys are the table's own hash key or shared between indexes.
 */
export const LAYOUTS: readonly Layout[] = [
  {
    name: 'pk S + sk N',
    hash: S('pk'),
    range: N('sk'),
    indexes: [
      { name: 'gsi_s_n', kind: 'GLOBAL', hash: S('g1'), range: N('g2'), projection: 'ALL' },
      { name: 'gsi_b', kind: 'GLOBAL', hash: B('gb'), projection: 'KEYS_ONLY' },
      { name: 'gsi_n_b', kind: 'GLOBAL', hash: N('g2'), range: B('gb'), projection: 'INCLUDE', nonKey: ['a', 'c'] },
      { name: 'lsi_s', kind: 'LOCAL', hash: S('pk'), range: S('l1'), projection: 'INCLUDE', nonKey: ['a'] },
      { name: 'lsi_b', kind: 'LOCAL', hash: S('pk'), range: B('gb'), projection: 'KEYS_ONLY' },
      { name: 'lsi_n', kind: 'LOCAL', hash: S('pk'), range: N('g2'), projection: 'ALL' },
    ],
  },
  {
    name: 'pk B',
    hash: B('pk'),
    indexes: [
      { name: 'gsi_s', kind: 'GLOBAL', hash: S('g1'), projection: 'INCLUDE', nonKey: ['c'] },
      { name: 'gsi_n_s', kind: 'GLOBAL', hash: N('g2'), range: S('l1'), projection: 'ALL' },
      { name: 'gsi_s_pk', kind: 'GLOBAL', hash: S('l1'), range: B('pk'), projection: 'KEYS_ONLY' },
    ],
  },
];

/** The table's CreateTable input (on demand). */
export function createTableInput(layout: Layout, TableName: string): CreateTableInput {
  const types = new Map<string, KeyType>();
  const keys = [layout.hash, ...(layout.range === undefined ? [] : [layout.range])];
  for (const index of layout.indexes)
    for (const key of [index.hash, ...(index.range === undefined ? [] : [index.range])]) keys.push(key);
  for (const key of keys) types.set(key.name, key.type);
  const keySchema = (hash: KeyName, range: KeyName | undefined) => [
    { AttributeName: hash.name, KeyType: 'HASH' as const },
    ...(range === undefined ? [] : [{ AttributeName: range.name, KeyType: 'RANGE' as const }]),
  ];
  const projection = (index: IndexSpec) => ({
    ProjectionType: index.projection,
    ...(index.nonKey === undefined ? {} : { NonKeyAttributes: index.nonKey }),
  });
  const global: GlobalSecondaryIndex[] = layout.indexes
    .filter((index) => index.kind === 'GLOBAL')
    .map((index) => ({
      IndexName: index.name,
      KeySchema: keySchema(index.hash, index.range),
      Projection: projection(index),
    }));
  const local: LocalSecondaryIndex[] = layout.indexes
    .filter((index) => index.kind === 'LOCAL')
    .map((index) => ({
      IndexName: index.name,
      KeySchema: keySchema(index.hash, index.range),
      Projection: projection(index),
    }));
  return {
    TableName,
    KeySchema: keySchema(layout.hash, layout.range),
    AttributeDefinitions: [...types].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    ...(global.length === 0 ? {} : { GlobalSecondaryIndexes: global }),
    ...(local.length === 0 ? {} : { LocalSecondaryIndexes: local }),
  };
}

// ------------------------------------------------------------------ values

/**
 * Small domains, so that keys repeat. Strings include characters whose UTF-8 order differs from their UTF-16 order
 * ('ｚ' U+FF5A sorts before '😀' in UTF-16, after it in UTF-8: DynamoDB compares the UTF-8 bytes).
 */
const STRINGS = ['a', 'b', 'ab', 'Z', 'é', 'ｚ', '😀'];
const NUMBERS = ['-2', '-0.5', '0', '1', '10', '1.5', '100'];
const BINARIES = [[0], [1], [1, 0], [255], [0, 255], [128, 1]];

export const valueOf = (type: KeyType): fc.Arbitrary<AttributeValue> =>
  type === 'S'
    ? fc.constantFrom(...STRINGS).map((S) => ({ S }))
    : type === 'N'
      ? fc.constantFrom(...NUMBERS).map((N) => ({ N }))
      : fc.constantFrom(...BINARIES).map((bytes) => ({ B: Uint8Array.from(bytes) }));

/** A value of another type than `type` (an index key type mismatch), or an empty string or binary (refused too). */
export const wrongValueFor = (type: KeyType): fc.Arbitrary<AttributeValue> =>
  fc.oneof(
    ...(['S', 'N', 'B'] as const).filter((other) => other !== type).map(valueOf),
    fc.constant<AttributeValue>({ BOOL: true }),
    fc.constant<AttributeValue>(type === 'B' ? { B: new Uint8Array(0) } : type === 'S' ? { S: '' } : { SS: ['x'] }),
  );

/** The names an item may carry besides the table's key: every index key attribute, and `a`, `c`, `d` (not keys). */
export function attributeNames(layout: Layout): Map<string, KeyType | undefined> {
  const names = new Map<string, KeyType | undefined>();
  for (const index of layout.indexes)
    for (const key of [index.hash, ...(index.range === undefined ? [] : [index.range])])
      if (key.name !== layout.hash.name && key.name !== layout.range?.name) names.set(key.name, key.type);
  for (const plain of ['a', 'c', 'd']) names.set(plain, undefined);
  return names;
}

const plainValue: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.constantFrom(...STRINGS).map((S) => ({ S })),
  fc.constantFrom(...NUMBERS).map((N) => ({ N })),
  fc.constant<AttributeValue>({ L: [{ S: 'x' }, { N: '1' }] }),
);

/** A table key: 3 partitions (x 3 sort keys). */
export function keyOf(layout: Layout): fc.Arbitrary<AttributeMap> {
  const hash =
    layout.hash.type === 'S'
      ? fc.constantFrom('p0', 'p1', 'p2').map((S): AttributeValue => ({ S }))
      : layout.hash.type === 'N'
        ? fc.constantFrom('0', '1', '2').map((N): AttributeValue => ({ N }))
        : fc.constantFrom([1], [2], [2, 0], [3], [200]).map((b): AttributeValue => ({ B: Uint8Array.from(b) }));
  if (layout.range === undefined) return hash.map((value) => ({ [layout.hash.name]: value }));
  const rangeName = layout.range.name;
  return fc
    .tuple(
      hash,
      valueOf(layout.range.type).filter((v) => v.N === undefined || ['0', '1', '-2'].includes(v.N)),
    )
    .map(([h, r]) => ({ [layout.hash.name]: h, [rangeName]: r }));
}

/** A value for a non-key attribute name: of its index key type mostly (sometimes absent: a sparse item). */
export function valueFor(type: KeyType | undefined): fc.Arbitrary<AttributeValue> {
  return type === undefined ? plainValue : valueOf(type);
}

/** A valid item: the key, and a random subset of the other attributes, each of its right type. */
export function itemOf(layout: Layout): fc.Arbitrary<AttributeMap> {
  const others: Record<string, fc.Arbitrary<AttributeValue>> = {};
  for (const [name, type] of attributeNames(layout)) others[name] = valueFor(type);
  return fc
    .tuple(keyOf(layout), fc.record(others, { requiredKeys: [] }))
    .map(([key, rest]) => ({ ...rest, ...key }) as AttributeMap);
}

// ------------------------------------------------------------------ comparing and rebuilding

export function compareValues(type: KeyType, a: AttributeValue, b: AttributeValue): number {
  if (type === 'N') return Math.sign(Number(a.N) - Number(b.N));
  if (type === 'S') return Buffer.compare(Buffer.from(a.S as string, 'utf8'), Buffer.from(b.S as string, 'utf8'));
  return Buffer.compare(Buffer.from(a.B as Uint8Array), Buffer.from(b.B as Uint8Array));
}

/** Compares two items by some key attributes in turn. */
export function compareBy(keys: readonly KeyName[], a: AttributeMap, b: AttributeMap): number {
  for (const key of keys) {
    const order = compareValues(key.type, a[key.name] as AttributeValue, b[key.name] as AttributeValue);
    if (order !== 0) return order;
  }
  return 0;
}

export const tableKeys = (layout: Layout): KeyName[] => [layout.hash, ...(layout.range ? [layout.range] : [])];
export const indexKeys = (index: IndexSpec): KeyName[] => [index.hash, ...(index.range ? [index.range] : [])];

/** The item's entry in the index: ALL, or the table key, the index key and INCLUDE's attributes. */
export function projectEntry(layout: Layout, index: IndexSpec, item: AttributeMap): AttributeMap {
  if (index.projection === 'ALL') return item;
  const names = [...tableKeys(layout), ...indexKeys(index)].map((key) => key.name);
  if (index.projection === 'INCLUDE') names.push(...(index.nonKey ?? []));
  const entry: AttributeMap = {};
  for (const name of names) if (item[name] !== undefined) entry[name] = item[name] as AttributeValue;
  return entry;
}

/** The index rebuilt from the table's items, in index order (index key, then table key), unprojected. */
export function rebuild(layout: Layout, index: IndexSpec, items: Iterable<AttributeMap>): AttributeMap[] {
  const order = [...indexKeys(index), ...tableKeys(layout)];
  return [...items]
    .filter((item) => indexKeys(index).every((key) => item[key.name] !== undefined))
    .sort((a, b) => compareBy(order, a, b));
}

/** An item as a stable text: members sorted, binary as hex (for comparing items and using them as Map keys). */
export function itemText(item: AttributeMap | undefined): string {
  const plain = (value: unknown): unknown => {
    if (value instanceof Uint8Array) return `0x${Buffer.from(value).toString('hex')}`;
    if (Array.isArray(value)) return value.map(plain);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, v]) => [k, plain(v)]),
      );
    return value;
  };
  return JSON.stringify(plain(item));
}

/** The table key's text of an item (a key in the model). */
export const keyText = (layout: Layout, item: AttributeMap): string =>
  itemText(Object.fromEntries(tableKeys(layout).map((key) => [key.name, item[key.name] as AttributeValue])));
