// A stream consumer that survives a shard split, a restart and a 25-hour gap.
// Run it with `npx tsx examples/consumer.ts`; test/consumer-example.test.ts runs it too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, ManualClock, StreamReader, type ReaderBatch, type Table } from '../src/index.js';
import { JsonFileCheckpointStore } from '../src/public/reader.js';

/** The consumer: keeps a materialised view (balance per account) and saves its checkpoint after each batch. */
function consume(reader: StreamReader, view: Map<string, number>, store: JsonFileCheckpointStore): number {
  // Each batch is applied as it is read, then its checkpoint saved (drainEach saves once the handler has
  // returned): a crash before the save replays the batch, never skips it. Returns the records handled.
  return reader.drainEach((batch) => applyBatch(batch, view), { checkpointStore: store });
}

function applyBatch(batch: ReaderBatch, view: Map<string, number>): void {
  for (const record of batch.records) {
    const account = record.dynamodb.Keys.account?.S as string;
    if (record.eventName === 'REMOVE') view.delete(account);
    else view.set(account, Number(record.dynamodb.NewImage?.balance?.N));
  }
}

function deposit(accounts: Table, account: string, amount: number): void {
  accounts.update({ account }, (current) => ({ account, balance: Number(current?.balance ?? 0) + amount }));
}

export async function runConsumerExample(
  log: (line: string) => void = console.log,
): Promise<{ view: Map<string, number>; lost: number | undefined }> {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const db = await Database.create({ clock, seed: 2026 });
  const accounts = db.createTable({
    TableName: 'accounts',
    KeySchema: [{ AttributeName: 'account', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'account', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  });
  const stream = accounts.stream!;
  const directory = mkdtempSync(join(tmpdir(), 'shardline-consumer-'));
  const store = new JsonFileCheckpointStore(join(directory, 'checkpoint.json'));
  const view = new Map<string, number>();

  try {
    // 1. First run: read what is there.
    for (const account of ['alice', 'bob', 'carol']) deposit(accounts, account, 100);
    let reader = StreamReader.fromStore(stream, store);
    log(`run 1: ${consume(reader, view, store)} records`);

    // 2. The shard splits while the consumer runs: the parent is finished before either child starts.
    const [shard] = stream.listShards().filter((s) => s.status === 'OPEN');
    stream.splitShard(shard!.shardId);
    for (const account of ['alice', 'bob', 'carol', 'dave']) deposit(accounts, account, 10);
    log(`run 1, after the split: ${consume(reader, view, store)} records`);

    // 3. A restart: a new reader resumes from the saved checkpoint and sees no record twice.
    deposit(accounts, 'alice', 1);
    reader = StreamReader.fromStore(stream, store);
    log(`run 2, restarted: ${consume(reader, view, store)} record`);

    // 4. A 25-hour outage. Writes made in the first hour are past retention when the consumer returns:
    //    the reader skips to TRIM_HORIZON and reports exactly what was lost.
    deposit(accounts, 'bob', 5);
    clock.advance({ hours: 2 });
    deposit(accounts, 'erin', 7);
    clock.advance({ hours: 23, minutes: 30 });
    reader = StreamReader.fromStore(stream, store);
    reader.on('trimmed', ({ shardId, lostRecords }) =>
      log(`  trimmed before it was read: ${lostRecords} record(s) in ${shardId}`),
    );
    log(`run 3, after 25 h: ${consume(reader, view, store)} record(s), ${reader.lostRecords} lost`);

    log(`view: ${[...view].map(([account, balance]) => `${account}=${balance}`).join(' ')}`);
    log(reader.describe());
    return { view, lost: reader.lostRecords };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runConsumerExample();
}
