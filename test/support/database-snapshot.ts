import type { AttributeMap, Database } from '../../src/index.js';
import { shardRecords } from './stream-reads.js';

/** A stable text for an item (binary values as base64), to sort items. */
function itemText(item: AttributeMap): string {
  return JSON.stringify(item, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
  );
}

/**
 * Everything a caller can observe about the database's tables and streams: each table's description and
 * items, and each stream's description and every record of every shard.
 */
export function snapshot(db: Database): unknown {
  const tables = db.listTables().TableNames.map((name) => ({
    description: db.describeTable({ TableName: name }).Table,
    items: [...db.table(name).items()].sort((a, b) => (itemText(a) < itemText(b) ? -1 : 1)),
  }));
  const streams = db.listStreams().Streams.map(({ StreamArn }) => {
    const description = db.describeStream({ StreamArn }).StreamDescription;
    return { description, records: description.Shards.map((shard) => shardRecords(db, StreamArn, shard.ShardId)) };
  });
  return { tables, streams };
}
