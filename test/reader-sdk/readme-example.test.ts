/**
 * docs/consuming.md "Reading a real stream through the AWS SDK", run with expectations on what it shows (the page's
 * block itself runs, type-checked, in test/docs/doc-examples.test.ts).
 */
import { DynamoDBStreams } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import {
  Database,
  InMemoryCheckpointStore,
  ManualClock,
  StreamReader,
  type CheckpointStore,
  type StreamSource,
} from '../../src/index.js';
import { sdkStreamSource } from '../../src/public/reader.js';
import { createAwsHandler } from '../../src/public/wire.js';

/** The README's `clock`, `db` and `orders` (its "Tables" section). */
async function setup() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const db = await Database.create({ clock, seed: 42 });
  const orders = db.createTable({
    TableName: 'orders',
    KeySchema: [
      { AttributeName: 'customer', KeyType: 'HASH' },
      { AttributeName: 'orderId', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'customer', AttributeType: 'S' },
      { AttributeName: 'orderId', AttributeType: 'N' },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  return { clock, db, orders };
}

describe('README: Reading a real stream through the AWS SDK', () => {
  it('one consumer over shardline through the SDK, resuming from its checkpoint; the same call builds an AWS source', async () => {
    const { clock, db, orders } = await setup();
    const ordersStreamArn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000';

    /** The consumer: reads what is there, saving the checkpoint after each batch. It does not know what it reads. */
    async function consumeOnce(source: StreamSource, store: CheckpointStore): Promise<string[]> {
      const reader = await StreamReader.fromStoreAsync(source, store);
      const seen: string[] = [];
      for (const batch of await reader.drainAsync()) {
        seen.push(...batch.records.map((record) => `${record.eventName} ${record.dynamodb.Keys.orderId?.N}`));
        await store.save(batch.checkpoint);
      }
      return seen;
    }

    // shardline, through the SDK: the client's requestHandler answers in process, and the source shares the db's clock.
    const sdkConfig = {
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: createAwsHandler(db),
      maxAttempts: 1,
    };
    const fromShardline = sdkStreamSource(new DynamoDBStreams(sdkConfig), { streamArn: orders.stream!.arn, clock });
    const store = new InMemoryCheckpointStore();
    orders.put({ customer: 'ann', orderId: 1 });
    const firstRun = await consumeOnce(fromShardline, store); // ['INSERT 1']
    orders.put({ customer: 'ann', orderId: 2 });
    const secondRun = await consumeOnce(fromShardline, store); // ['INSERT 2']: resumed from the checkpoint

    // AWS: the same consumer, a real client (credentials from the environment), real time (the default SystemClock).
    const fromAws = sdkStreamSource(new DynamoDBStreams({ region: 'eu-west-1' }), { streamArn: ordersStreamArn });

    expect(firstRun).toEqual(['INSERT 1']);
    expect(secondRun).toEqual(['INSERT 2']);
    // Built without a call: nothing is sent until a reader polls it.
    expect(fromAws.streamArn).toBe(ordersStreamArn);
    expect(fromAws.countTrimmedAfter).toBeUndefined();
  });
});
