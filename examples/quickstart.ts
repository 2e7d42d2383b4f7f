/**
 * shardline quick start: a DynamoDB table with a stream, inside this process, on a clock we move by hand.
 *
 *   npm run demo
 *
 * The story reads top to bottom; the printing helpers are at the end of the file. A ManualClock and a fixed
 * seed make every shard id, sequence number and timestamp below the same on every run, so this file's
 * output is also what a test can assert.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Database,
  DynamoDBError,
  ManualClock,
  StreamReader,
  unmarshallItem,
  type AttributeMap,
  type DynamoDBRecord,
  type ShardInfo,
} from '../src/index.js';

// Time moves only when we say so. 2026-01-01T00:00:00Z is also ManualClock's default start.
const clock = new ManualClock(Date.UTC(2026, 0, 1));
const db = await Database.create({ clock, seed: 42 });
const start = clock.now();

// ---------------------------------------------------------------------------------------------------
heading('1. A table with a NEW_AND_OLD_IMAGES stream');

// The same input as the AWS SDK's CreateTableCommand: the stream exists as soon as this returns.
const orders = db.createTable({
  TableName: 'orders',
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
});
const stream = orders.stream!; // enabled by the StreamSpecification above
const streamArn = stream.arn;
const [root] = stream.listShards() as [ShardInfo];

row('table', orders.name);
row('stream ARN', streamArn);
row('status', `${stream.status}, view type ${stream.viewType}`);
row('shards', `1 open shard: ${root.shardId}`);
note('(shortened below: shard ids to their last 8 hex digits, sequence numbers to …n)');

// ---------------------------------------------------------------------------------------------------
heading('2. Four writes, three records');

// Plain JavaScript objects in, AttributeValues on the stream (marshalled as DynamoDBDocumentClient does).
orders.put({ id: 'order-1', status: 'placed', total: 42 }); // INSERT
clock.advance({ seconds: 1 });
orders.update({ id: 'order-1' }, (order) => ({ ...order, status: 'paid' })); // MODIFY
clock.advance({ seconds: 1 });
orders.put({ id: 'order-1', status: 'paid', total: 42 }); // changes nothing: no record, as in AWS
orders.delete({ id: 'order-1' }); // REMOVE

// A consumer reads a shard the way a Lambda trigger or the KCL does: an iterator, then pages of records.
const fromRoot = db.getShardIterator({
  StreamArn: streamArn,
  ShardId: root.shardId,
  ShardIteratorType: 'TRIM_HORIZON',
});
const firstPage = db.getRecords({ ShardIterator: fromRoot.ShardIterator });
note('getRecords(TRIM_HORIZON) on the only shard:');
console.log(`    ${'event'.padEnd(7)}${'keys'.padEnd(12)} ${'sequence number'.padEnd(21)}  size   images`);
for (const record of firstPage.Records) printRecord(record);
note(`${firstPage.Records.length} records for 4 writes: the second put wrote the same item, so no record.`);

// ---------------------------------------------------------------------------------------------------
heading('3. Split the shard; new writes land in the children');

clock.advance({ seconds: 1 });
// The parent closes; two children share its hash range, each with the parent as ParentShardId.
const [low, high] = stream.splitShard(root.shardId);
row('split', `${short(root.shardId)} → ${short(low.shardId)} + ${short(high.shardId)}`);

// Each record goes to the open shard whose hash range holds xxhash64(partition key).
const unsubscribe = db.on('record', ({ shardId, record }) => {
  const child = shardId === low.shardId ? low : high;
  row(`  ${keysOf(record)}`, `→ ${short(shardId)}  (${range(child)})`);
});
orders.batchWrite([2, 3, 4, 5].map((n) => ({ put: { id: `order-${n}`, status: 'placed', total: 10 * n } })));
unsubscribe();

// The parent is closed and we have read all of it: its last page has no NextShardIterator, which tells a
// consumer to move on to the children (DescribeStream with a CHILD_SHARDS filter finds them).
const rootEnd = db.getRecords({ ShardIterator: firstPage.NextShardIterator! });
const children = db.describeStream({
  StreamArn: streamArn,
  ShardFilter: { Type: 'CHILD_SHARDS', ShardId: root.shardId },
});
row(
  'parent, read to end',
  `${rootEnd.Records.length} more records, NextShardIterator ${rootEnd.NextShardIterator ?? 'absent'}`,
);
row('CHILD_SHARDS', children.StreamDescription.Shards.map((shard) => short(shard.ShardId)).join(', '));

// A consumer of the low child reads it and keeps its place: the iterator, and the last sequence number
// as a checkpoint (what the KCL stores in its lease table).
const lowPage = db.getRecords({
  ShardIterator: db.getShardIterator({ StreamArn: streamArn, ShardId: low.shardId, ShardIteratorType: 'TRIM_HORIZON' })
    .ShardIterator,
});
const keptIterator = lowPage.NextShardIterator!;
const checkpoint = lowPage.Records.at(-1)!.dynamodb.SequenceNumber;
const trimHorizonBefore = new Map([low, high].map((child) => [child.shardId, firstRecordFrom(child.shardId)]));
row('low child consumer', `read ${lowPage.Records.length} records, checkpoint ${checkpoint}`);

console.log();
printShardTree(stream.listShards());

// StreamReader does all of the above for every shard: parents before children, one position per shard.
const reader = new StreamReader(stream);
const readBeforeJump = reader.drainRecords().length;
const savedCheckpoint = reader.checkpoint(); // { shardId: sequenceNumber }, what a consumer would store
row(
  'StreamReader',
  `read ${readBeforeJump} records in lineage order; checkpoint saved for ${Object.keys(savedCheckpoint).length} shards`,
);
// ---------------------------------------------------------------------------------------------------
heading('4. Jump 25 hours: rollovers, trimming, expiry');

// A job on the same clock places one order an hour, at half past, while time jumps. ManualClock fires
// timers inside advance(), in time order, each seeing now() equal to its own due time, so the stream sees
// the same writes, rollovers and expiries, in the same order, as 25 real hours would give it.
const HOUR = 3_600_000;
let placed = 0;
const hourlyOrder = (): void => {
  placed++;
  orders.put({ id: `order-${5 + placed}`, status: 'placed', total: 1 });
  if (placed < 25) clock.schedule(clock.now() + HOUR, hourlyOrder);
};
clock.schedule(clock.now() + HOUR / 2, hourlyOrder);

// Count what the stream does on its own while the clock moves.
const rollovers: number[] = [];
const expired: string[] = [];
const stopClosed = db.on('shardClosed', ({ shard, reason }) => {
  if (reason === 'rollover') rollovers.push(shard.closedAt!);
});
const stopExpired = db.on('shardExpired', ({ shardId }) => expired.push(shardId));

const jumpFrom = clock.now();
clock.advance({ hours: 25 });
stopClosed();
stopExpired();

row('clock', `${iso(jumpFrom)} → ${iso(clock.now())}`);
row('hourly orders', `${placed} written during the jump`);
const rolloverHours = [...new Set(rollovers.map(hoursSince))];
row(
  'rollovers',
  `${rollovers.length}: ${rollovers.length / rolloverHours.length} shards at each of ${rolloverHours.join(' ')}`,
);
row('expired shards', `${expired.map(short).join(', ')} (newest record older than 24 h)`);

// Records older than the 24-hour retention are gone: TRIM_HORIZON on the split children starts later.
note('TRIM_HORIZON of the split children, before → after:');
for (const child of [low, high]) {
  const before = trimHorizonBefore.get(child.shardId);
  row(`  ${short(child.shardId)}`, `${describeFirst(before)}  →  ${describeFirst(firstRecordFrom(child.shardId))}`);
}

// Our consumer comes back 25 hours later. Its iterator has expired (AWS: 15 minutes), and the records
// after its checkpoint were trimmed: it must restart from TRIM_HORIZON and accept the gap.
note('the low child consumer comes back:');
attempt('  kept iterator', () => db.getRecords({ ShardIterator: keptIterator }));
attempt('  from checkpoint', () =>
  db.getShardIterator({
    StreamArn: streamArn,
    ShardId: low.shardId,
    ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
    SequenceNumber: checkpoint,
  }),
);
attempt('  expired parent', () =>
  db.getShardIterator({ StreamArn: streamArn, ShardId: root.shardId, ShardIteratorType: 'TRIM_HORIZON' }),
);

// A StreamReader resumed from the checkpoint saved before the jump does the recovery itself: it skips
// to TRIM_HORIZON where records were trimmed unread, and says exactly how many were lost.
const resumed = new StreamReader(stream, { checkpoint: savedCheckpoint });
const resumedRecords = resumed.drainRecords().length;
note('a StreamReader resumed from the checkpoint saved before the jump:');
row('  read', `${resumedRecords} records, ${resumed.lostRecords} trimmed before they were read`);
console.log();
console.log(resumed.describe());

console.log();
printShardTree(stream.listShards());

// ---------------------------------------------------------------------------------------------------
heading('5. A picture of the shards');

// The whole history, expired shards included: time across, hash range down, lineage links, the trim horizon.
// The SVG goes to the file named by the first argument or SHARDLINE_DEMO_SVG, else to the OS temp directory.
const svgPath = process.argv[2] ?? process.env.SHARDLINE_DEMO_SVG ?? join(tmpdir(), 'shardline-demo-shards.svg');
writeFileSync(svgPath, stream.toSvg({ title: 'Shards of orders, after the 25-hour jump' }));
row('SVG', `${svgPath} (open it in a browser: hover a bar for its shard)`);
console.log();
console.log(stream.toText({ width: 100, height: 8 }));

// Cancels the streams' clock timers (with a SystemClock they would be real, unref'd timers).
db.close();

// ---------------------------------------------------------------------------------------------------
// Printing helpers: nothing below is shardline API.

function heading(text: string): void {
  console.log(`\n${text}\n${'─'.repeat(text.length)}`);
}

function row(label: string, value: string): void {
  console.log(`  ${label.padEnd(20)} ${value}`);
}

function note(text: string): void {
  console.log(`  ${text}`);
}

/** `shardId-00000001767225602000-5c0f3d6e` → `5c0f3d6e`: the random part is enough to tell shards apart. */
function short(shardId: string): string {
  return shardId.slice(-8);
}

/** `100000000000000000012` → `…12` (a leading 1, then the sequence counter zero-padded to 20 digits). */
function shortSeq(sequenceNumber: string): string {
  return `…${sequenceNumber.replace(/^10*/, '')}`;
}

/** Time since the start, as +hh:mm:ss. */
function since(ms: number): string {
  const seconds = Math.round((ms - start) / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `+${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A hash range by its top 16 bits: `0000…–7fff…`. */
function range(shard: ShardInfo): string {
  const top = (n: bigint) => n.toString(16).padStart(16, '0').slice(0, 4);
  return `${top(shard.hashKeyRange.start)}…–${top(shard.hashKeyRange.end)}…`;
}

function keysOf(record: DynamoDBRecord): string {
  return Object.entries(unmarshallItem(record.dynamodb.Keys))
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(' ');
}

/** Non-key attributes as `name=value`. */
function summary(image: AttributeMap | undefined, keys: AttributeMap): string {
  if (image === undefined) return '';
  return Object.entries(unmarshallItem(image))
    .filter(([name]) => !(name in keys))
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(' ');
}

/** What changed: the new item for INSERT, the differences for MODIFY, the old item for REMOVE. */
function imageSummary(record: DynamoDBRecord): string {
  const { Keys, NewImage, OldImage } = record.dynamodb;
  if (record.eventName === 'INSERT') return `new {${summary(NewImage, Keys)}}`;
  if (record.eventName === 'REMOVE') return `old {${summary(OldImage, Keys)}}`;
  const before = unmarshallItem(OldImage ?? {});
  const after = unmarshallItem(NewImage ?? {});
  const changed = Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name]);
  return changed.map((name) => `${name}: ${String(before[name] ?? '∅')} → ${String(after[name] ?? '∅')}`).join(', ');
}

function printRecord(record: DynamoDBRecord): void {
  const { SequenceNumber, SizeBytes } = record.dynamodb;
  console.log(
    `    ${record.eventName.padEnd(7)}${keysOf(record).padEnd(12)} ${SequenceNumber}  ${String(SizeBytes).padStart(3)} B  ${imageSummary(record)}`,
  );
}

/** The first record TRIM_HORIZON reaches on a shard (undefined if it holds none; the shard may be gone). */
function firstRecordFrom(shardId: string): DynamoDBRecord | undefined {
  try {
    const { ShardIterator } = db.getShardIterator({
      StreamArn: streamArn,
      ShardId: shardId,
      ShardIteratorType: 'TRIM_HORIZON',
    });
    return db.getRecords({ ShardIterator, Limit: 1 }).Records[0];
  } catch (error) {
    if (error instanceof DynamoDBError) return undefined;
    throw error;
  }
}

function describeFirst(record: DynamoDBRecord | undefined): string {
  if (record === undefined) return 'nothing left';
  return `${keysOf(record)} (${shortSeq(record.dynamodb.SequenceNumber)}, ${since(record.dynamodb.ApproximateCreationDateTime.getTime())})`;
}

/** Runs a call that should fail and prints AWS's error name and message. */
function attempt(label: string, call: () => unknown): void {
  try {
    call();
    row(label, 'succeeded');
  } catch (error) {
    if (!(error instanceof DynamoDBError)) throw error;
    row(label, error.name);
    row('', error.message);
  }
}

/** Whole hours since the start, as +4h. */
function hoursSince(ms: number): string {
  return `+${Math.floor((ms - start) / 3_600_000)}h`;
}

/**
 * Shards as a lineage tree, parents above their children. A parent that has expired is shown by its id
 * alone. Each shard shows its hash range, OPEN/CLOSED, its sequence-number range, how many records it still
 * keeps (not yet trimmed) and when and why it opened.
 */
function printShardTree(shards: ShardInfo[]): void {
  const byId = new Map(shards.map((shard) => [shard.shardId, shard]));
  const childrenOf = (id: string) => shards.filter((shard) => shard.parentShardIds.includes(id));
  const gone = [...new Set(shards.flatMap((shard) => shard.parentShardIds).filter((id) => !byId.has(id)))];
  const roots = shards.filter((shard) => shard.parentShardIds.length === 0);
  console.log(
    `  ${'shard'.padEnd(24)} ${'hash range'.padEnd(12)} ${'status'.padEnd(6)} ${'seq numbers'.padEnd(11)} kept opened`,
  );
  const line = (name: string, rest: string) => console.log(`  ${name.padEnd(24)} ${rest}`.trimEnd());
  const visitChildren = (id: string, indent: string): void => {
    const kids = childrenOf(id);
    kids.forEach((kid, i) => {
      const last = i === kids.length - 1;
      visit(kid, `${indent}${last ? '└ ' : '├ '}`, `${indent}${last ? '  ' : '│ '}`);
    });
  };
  const visit = (shard: ShardInfo, lead: string, indent: string): void => {
    const end = shard.endingSequenceNumber === undefined ? '' : shortSeq(shard.endingSequenceNumber);
    const seq = `${shortSeq(shard.startingSequenceNumber)}–${end}`;
    const origin = shard.origin === 'stream-created' ? 'created' : shard.origin;
    const kept = String(shard.retainedRecords).padStart(4);
    line(
      `${lead}${short(shard.shardId)}`,
      `${range(shard).padEnd(12)} ${shard.status.padEnd(6)} ${seq.padEnd(11)} ${kept} ${since(shard.createdAt)} ${origin}`,
    );
    visitChildren(shard.shardId, indent);
  };
  for (const id of gone) {
    line(short(id), '(expired)');
    visitChildren(id, '');
  }
  for (const shard of roots) visit(shard, '', '');
}
