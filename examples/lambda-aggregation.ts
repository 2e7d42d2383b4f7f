// An aggregation trigger: every change to `orders` updates the customer's order count and total in
// `customer_totals`. It reports partial batch failures, so the orders before a bad one are not replayed
// (an aggregate must not count them twice), and with bisect on only the bad order's part of its batch is
// retried, then reported to the on-failure destination, while the orders behind it wait and then move on.
// Run it with `npx tsx examples/lambda-aggregation.ts`; test/lambda/examples.test.ts runs it too.
import { Database, ManualClock, unmarshallItem, type Table } from '../src/index.js';
import { InMemoryFailureDestination, attachLambda, type DynamoDBStreamEvent } from '../src/public/lambda.js';

/** The function under test: applies each order change's delta to its customer's totals. */
export function totalsTrigger(totals: Table) {
  return (event: DynamoDBStreamEvent) => {
    for (const record of event.Records) {
      const { Keys, NewImage, OldImage, SequenceNumber } = record.dynamodb!;
      const delta = Number(NewImage?.total?.N ?? 0) - Number(OldImage?.total?.N ?? 0);
      const count = record.eventName === 'INSERT' ? 1 : record.eventName === 'REMOVE' ? -1 : 0;
      if (Number(NewImage?.total?.N ?? 0) < 0) {
        // A bad order: report it. Lambda checkpoints before it and retries from it; nothing after it was applied.
        return { batchItemFailures: [{ itemIdentifier: SequenceNumber! }] };
      }
      const customer = Keys!.customer!.S!;
      totals.update({ customer }, (current) => ({
        customer,
        orders: Number(current?.orders ?? 0) + count,
        total: Number(current?.total ?? 0) + delta,
      }));
    }
    return { batchItemFailures: [] };
  };
}

export async function runAggregationExample(log: (line: string) => void = console.log) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const db = await Database.create({ clock, seed: 5 });
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
  const totals = db.createTable({
    TableName: 'customer_totals',
    KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'customer', AttributeType: 'S' }],
  });
  const failures = new InMemoryFailureDestination();
  const mapping = attachLambda(orders.stream!, totalsTrigger(totals), {
    StartingPosition: 'TRIM_HORIZON',
    BatchSize: 10,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    BisectBatchOnFunctionError: true,
    MaximumRetryAttempts: 2,
    DestinationConfig: { OnFailure: { Destination: failures } },
    FunctionName: 'customer-totals',
  });

  orders.put({ customer: 'ann', orderId: 1, total: 30 });
  orders.put({ customer: 'bob', orderId: 1, total: 12 });
  clock.advance({ ms: 250 }); // the mapping polls 4 times a second: both orders are applied
  orders.put({ customer: 'ann', orderId: 2, total: -5 }); // bad: reported by the function at every try
  clock.advance({ ms: 250 });
  orders.put({ customer: 'ann', orderId: 3, total: 20 }); // waits behind the bad order (same shard)
  orders.update({ customer: 'bob', orderId: 1 }, (order) => ({ ...order, total: 15 }));
  clock.advance({ seconds: 1 }); // two retries, then the bad order is reported and the shard moves on
  // The shard splits: the parent's records are all handled before either child's.
  orders.stream!.splitShard(orders.stream!.listShards()[0]!.shardId);
  orders.delete({ customer: 'ann', orderId: 1 });
  orders.put({ customer: 'cy', orderId: 1, total: 7 });
  mapping.drain();

  const view = Object.fromEntries(
    [...totals.items()]
      .map((item) => unmarshallItem(item))
      .sort((a, b) => String(a.customer).localeCompare(String(b.customer)))
      .map((item) => [item.customer as string, `${String(item.orders)} order(s), ${String(item.total)}`]),
  );
  for (const [customer, line] of Object.entries(view)) log(`${customer}: ${line}`);
  for (const h of mapping.history)
    log(
      `invocation ${h.invocation} at +${h.startedAt - Date.UTC(2026, 0, 1)} ms: ${h.records.length} record(s), ${h.outcome}`,
    );
  const [failure] = failures.records;
  log(
    `reported: ${failure?.requestContext.condition} after ${failure?.requestContext.approximateInvokeCount} invocations, ${failure?.DDBStreamBatchInfo.batchSize} record`,
  );
  log(`metrics: ${JSON.stringify({ ...mapping.metrics(), shards: undefined })}`);
  return { view, failures: failures.records, metrics: mapping.metrics() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runAggregationExample();
}
