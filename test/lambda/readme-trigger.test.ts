// docs/lambda.md's "Testing a Lambda trigger" example, line for line (its imports come from 'shardline' there).
import { describe, expect, it } from 'vitest';
import { Database, ManualClock } from '../../src/index.js';
import { InMemoryFailureDestination, attachLambda, type DynamoDBStreamEvent } from '../../src/public/lambda.js';

// The trigger under test: sends a receipt for every new order. Sending is idempotent (one receipt per order
// id), because Lambda delivers at least once: a bisected batch hands the function its records again.
const receipts = new Map<string, string>();
function sendReceipts(event: DynamoDBStreamEvent): void {
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT') continue;
    const order = record.dynamodb!.NewImage!;
    if (order.email?.S === undefined) throw new Error(`order ${order.id!.S} has no email`);
    receipts.set(order.id!.S!, order.email.S);
  }
}

describe('the receipts trigger', () => {
  it('sends one receipt per order; an order without an email is isolated, retried, reported', async () => {
    const clock = new ManualClock();
    const db = await Database.create({ clock, seed: 1 });
    const orders = db.createTable({
      TableName: 'orders',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    });
    const failures = new InMemoryFailureDestination();
    const mapping = attachLambda(orders.stream!, sendReceipts, {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 10,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: failures } },
    });

    const t0 = clock.now();
    orders.put({ id: 'o1', email: 'ann@example.com' });
    orders.put({ id: 'o2' }); // no email: the function throws on it
    orders.put({ id: 'o3', email: 'bob@example.com' });
    await mapping.runUntilIdle(); // moves the ManualClock: 4 polls a second, retries included

    expect(Object.fromEntries(receipts)).toEqual({ o1: 'ann@example.com', o3: 'bob@example.com' });
    // The exact history: the batch is bisected until o2 is alone, retried twice, then reported.
    const ids = (records: DynamoDBStreamEvent['Records']) => records.map((r) => r.dynamodb!.Keys!.id!.S).join(',');
    expect(mapping.history.map((h) => `+${h.startedAt - t0}ms ${ids(h.records)} ${h.cause} ${h.outcome}`)).toEqual([
      '+0ms o1,o2,o3 new error',
      '+250ms o1,o2 bisect error',
      '+500ms o1 bisect success',
      '+500ms o2 bisect error',
      '+750ms o2 retry error',
      '+1000ms o2 retry error',
      '+1000ms o3 bisect success',
    ]);
    const [failure] = failures.records;
    expect(failure!.requestContext).toMatchObject({ condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 });
    expect(failure!.DDBStreamBatchInfo).toMatchObject({ batchSize: 1, streamArn: orders.stream!.arn });
    expect(mapping.metrics()).toMatchObject({
      invocations: 7,
      errors: 5,
      recordsDelivered: 2,
      batchesSentToFailureDestination: 1,
    });
  });
});
