// A replication trigger between two tables: every change to `users` in us-east-1 is applied to its replica
// in eu-west-1, four batches per shard at a time (ParallelizationFactor), each user's changes in order. The
// replica's region is down for a moment (the batch is retried and the shard waits), and it refuses one item
// for good: bisecting isolates that item, which goes to the on-failure callback while the rest replicates.
// Run it with `npx tsx examples/lambda-replication.ts`; test/lambda/examples.test.ts runs it too.
import { Database, ManualClock, type AttributeMap } from '../src/index.js';
import { attachLambda, type DynamoDBStreamEvent, type FailureRecord } from '../src/public/lambda.js';

export async function runReplicationExample(log: (line: string) => void = console.log) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const source = await Database.create({ clock, seed: 1, region: 'us-east-1' });
  const target = await Database.create({ clock, seed: 2, region: 'eu-west-1' });
  const schema = {
    TableName: 'users',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }],
  };
  const users = source.createTable({
    ...schema,
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  target.createTable(schema);

  const regionDownUntil = Date.UTC(2026, 0, 1) + 600; // the replica's region is down for 0.6 s
  /** The function: puts new images and deletes removed keys in the replica. */
  const replicate = (event: DynamoDBStreamEvent) => {
    if (clock.now() < regionDownUntil) throw new Error('eu-west-1 is unavailable');
    for (const record of event.Records) {
      const { Keys, NewImage } = record.dynamodb!;
      if (NewImage?.blocked?.BOOL === true) throw new Error(`the replica refuses ${Keys!.id!.S}`);
      // The event's attribute values are JSON (the function's view); without binary values they are the SDK's shape.
      if (record.eventName === 'REMOVE') target.deleteItem({ TableName: 'users', Key: Keys as AttributeMap });
      else target.putItem({ TableName: 'users', Item: NewImage as AttributeMap });
    }
  };
  const reported: FailureRecord[] = [];
  const mapping = attachLambda(users.stream!, replicate, {
    StartingPosition: 'TRIM_HORIZON',
    BatchSize: 4,
    ParallelizationFactor: 4,
    BisectBatchOnFunctionError: true,
    MaximumRetryAttempts: 3,
    DestinationConfig: { OnFailure: { Destination: (failure) => reported.push(failure) } },
    FunctionName: 'replicate-users',
  });

  for (let i = 0; i < 20; i++) users.put({ id: `user-${i}`, name: `User ${i}`, version: 1 });
  users.put({ id: 'user-7', name: 'User 7', version: 2, blocked: true }); // refused by the replica, every time
  for (let i = 0; i < 20; i += 3) users.update({ id: `user-${i}` }, (user) => ({ ...user, version: 2 }));
  users.delete({ id: 'user-19' });
  await mapping.runUntilIdle();

  const sourceItems = [...users.items()].map((item) => JSON.stringify(item)).sort();
  const replicaItems = [...target.table('users').items()].map((item) => JSON.stringify(item)).sort();
  const missing = sourceItems
    .filter((item) => !replicaItems.includes(item))
    .map((item) => (JSON.parse(item) as { id: { S: string } }).id.S);
  const metrics = mapping.metrics();
  log(`source ${sourceItems.length} items, replica ${replicaItems.length} items, differing: ${missing.join(', ')}`);
  log(
    `invocations ${metrics.invocations}, errors ${metrics.errors}, delivered ${metrics.recordsDelivered}, discarded ${metrics.recordsDiscarded}`,
  );
  log(`lanes used: ${new Set(mapping.history.map((h) => h.lane)).size}`);
  for (const failure of reported) {
    log(
      `reported: ${failure.requestContext.condition}, ${failure.DDBStreamBatchInfo.batchSize} record(s) at ${failure.DDBStreamBatchInfo.startSequenceNumber}`,
    );
  }
  return { missing, reported, metrics };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runReplicationExample();
}
