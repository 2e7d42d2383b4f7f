import type { Database, Stream, StreamOptions, StreamViewType, Table } from '../../src/index.js';

export interface TableOptions {
  name?: string;
  /** Stream view type; `null` for a table without a stream. Default NEW_AND_OLD_IMAGES. */
  viewType?: StreamViewType | null;
  /** A sort key `sk` of this type (none by default). */
  sortKey?: 'S' | 'N' | 'B';
  /** The partition key's name and type. Default `id`, S. */
  partitionKey?: { name: string; type: 'S' | 'N' | 'B' };
  streamOptions?: StreamOptions;
}

/** A table `items` keyed by `id` (S) by default, optionally with `sk`, with a NEW_AND_OLD_IMAGES stream unless told. */
export function makeTable(db: Database, options: TableOptions = {}): Table {
  const pk = options.partitionKey ?? { name: 'id', type: 'S' as const };
  const viewType = options.viewType === undefined ? 'NEW_AND_OLD_IMAGES' : options.viewType;
  return db.createTable({
    TableName: options.name ?? 'items',
    KeySchema:
      options.sortKey === undefined
        ? [{ AttributeName: pk.name, KeyType: 'HASH' }]
        : [
            { AttributeName: pk.name, KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
    AttributeDefinitions:
      options.sortKey === undefined
        ? [{ AttributeName: pk.name, AttributeType: pk.type }]
        : [
            { AttributeName: pk.name, AttributeType: pk.type },
            { AttributeName: 'sk', AttributeType: options.sortKey },
          ],
    ...(viewType === null ? {} : { StreamSpecification: { StreamEnabled: true, StreamViewType: viewType } }),
    ...(options.streamOptions === undefined ? {} : { streamOptions: options.streamOptions }),
  });
}

export function streamOf(table: Table): Stream {
  const stream = table.stream;
  if (stream === undefined) throw new Error(`table ${table.name} has no stream`);
  return stream;
}

/** Key schemas and attribute definitions as requests spell them: `id` (S), optionally `sk`. */
export const KEY_ID = [{ AttributeName: 'id', KeyType: 'HASH' as const }];
export const DEF_ID = [{ AttributeName: 'id', AttributeType: 'S' as const }];
export const KEY_ID_SK = [
  { AttributeName: 'id', KeyType: 'HASH' as const },
  { AttributeName: 'sk', KeyType: 'RANGE' as const },
];
export const defIdSk = (sortType: 'S' | 'N' | 'B') => [
  { AttributeName: 'id', AttributeType: 'S' as const },
  { AttributeName: 'sk', AttributeType: sortType },
];
