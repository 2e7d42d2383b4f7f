import { Database, ManualClock, type Table } from '../../src/index.js';
import type { DynamoDBStreamEvent } from '../../src/lambda/index.js';

/** A database on a ManualClock with one table `items` keyed by `id` (string), stream NEW_AND_OLD_IMAGES. */
export async function setup(options: { initialShards?: number; seed?: number; retentionHours?: number } = {}): Promise<{ clock: ManualClock; db: Database; table: Table }> {
  const clock = new ManualClock();
  const db = await Database.create({ clock, seed: options.seed ?? 7 });
  const table = db.createTable({
    TableName: 'items',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    streamOptions: {
      initialShards: options.initialShards ?? 1,
      splitOnWriteRate: false,
      rolloverAfter: false,
      ...(options.retentionHours === undefined ? {} : { retention: { hours: options.retentionHours } }),
    },
  });
  return { clock, db, table };
}

/** The `id` of each record of an event. */
export function ids(event: DynamoDBStreamEvent): string[] {
  return event.Records.map((record) => record.dynamodb?.Keys?.id?.S as string);
}

/** Puts `count` items `prefix0`, `prefix1`, ... with a `v` attribute. */
export function putMany(table: Table, count: number, prefix = 'k', v = 1): void {
  for (let i = 0; i < count; i++) table.put({ id: `${prefix}${i}`, v });
}
