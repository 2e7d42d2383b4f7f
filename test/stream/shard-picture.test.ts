/**
 * The picture of a stream's shards (docs/shard-picture.md): the history model (every live and remembered shard,
 * how each ended, its counts), the SVG and text renderers (byte for byte against the committed example, escaped,
 * deterministic), and their options.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EXAMPLE_SVG_OPTIONS, EXAMPLE_TEXT_OPTIONS, shardPictureScenario } from '../../bench/shard-picture-scenario.js';
import {
  Database,
  ManualClock,
  renderHistorySvg,
  renderHistoryText,
  type ShardHistory,
  type Stream,
} from '../../src/index.js';
import { DAY, HOUR, T0 } from '../support/time.js';

const docs = (name: string): string => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');

let open: Database[] = [];
afterEach(() => {
  for (const db of open) db.close();
  open = [];
});

async function streamOf(tableName = 'orders'): Promise<{ clock: ManualClock; db: Database; stream: Stream }> {
  const clock = new ManualClock(T0);
  const db = await Database.create({ clock, seed: 3 });
  open.push(db);
  const table = db.createTable({
    TableName: tableName,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    streamOptions: { rolloverAfter: false },
  });
  return { clock, db, stream: table.stream as Stream };
}

describe('the committed example (bench/shard-picture-scenario.ts)', () => {
  it('renders docs/shard-picture-example.svg byte for byte', async () => {
    const { db, stream } = await shardPictureScenario();
    open.push(db);
    expect(stream.toSvg(EXAMPLE_SVG_OPTIONS)).toBe(docs('shard-picture-example.svg'));
  });

  it('renders docs/shard-picture-example.txt byte for byte', async () => {
    const { db, stream } = await shardPictureScenario();
    open.push(db);
    expect(stream.toText(EXAMPLE_TEXT_OPTIONS)).toBe(docs('shard-picture-example.txt'));
  });

  it('is quoted in docs/shard-picture.md as it is', () => {
    const head = docs('shard-picture-example.txt').split('\n').slice(0, 9).join('\n');
    expect(docs('shard-picture.md')).toContain(`\`\`\`text\n${head}\n\`\`\``);
  });

  it('is the same bytes on every run of the scenario', async () => {
    const [a, b] = await Promise.all([shardPictureScenario(), shardPictureScenario()]);
    open.push(a.db, b.db);
    expect(a.stream.toSvg()).toBe(b.stream.toSvg());
    expect(a.stream.toText()).toBe(b.stream.toText());
  });
});

describe('Stream.shardHistory', () => {
  it('lists every shard with its lineage, range, times, how it ended and its counts', async () => {
    const { clock, stream, db } = await streamOf();
    const table = db.table('orders');
    const [root] = stream.listShards();
    table.put({ id: 'a' });
    clock.advance(HOUR);
    const [low, high] = stream.splitShard(root!.shardId);
    clock.advance(HOUR);
    const merged = stream.mergeShards(low.shardId, high.shardId);
    clock.advance(HOUR);
    const rolled = stream.rolloverShard(merged.shardId);
    table.put({ id: 'b' });
    const history = stream.shardHistory();
    expect(history).toMatchObject({
      streamArn: stream.arn,
      tableName: 'orders',
      status: 'ENABLED',
      now: T0 + 3 * HOUR,
      retentionMs: DAY,
      trimHorizon: T0 + 3 * HOUR - DAY,
      layout: 'hash',
    });
    expect(history.shards.map((shard) => [shard.shardId, shard.endedBy, shard.state])).toEqual([
      [root!.shardId, 'split', 'CLOSED'],
      [low.shardId, 'merge', 'CLOSED'],
      [high.shardId, 'merge', 'CLOSED'],
      [merged.shardId, 'rollover', 'CLOSED'],
      [rolled.shardId, undefined, 'OPEN'],
    ]);
    const [first, , , mergedEntry, last] = history.shards;
    expect(first).toEqual({
      shardId: root!.shardId,
      parentShardIds: [],
      hashKeyRange: { start: '0', end: String(2n ** 64n - 1n) },
      state: 'CLOSED',
      createdAt: T0,
      origin: 'stream-created',
      closedAt: T0 + HOUR,
      endedBy: 'split',
      // A closed shard expires a retention (and a millisecond) after its newest record.
      expiresAt: T0 + DAY + 1,
      retainedRecords: 1,
      trimmedRecords: 0,
    });
    expect(mergedEntry!.parentShardIds).toEqual([low.shardId, high.shardId]);
    expect(last).toMatchObject({ retainedRecords: 1, trimmedRecords: 0, origin: 'rollover' });
    expect(last!.closedAt).toBeUndefined();
    // Plain JSON: what DescribeShardHistory sends.
    expect(JSON.parse(JSON.stringify(history))).toEqual(history);
  });

  it('keeps expired shards with their trimmed counts, and ends shards of a disabled stream as stream-disabled', async () => {
    const { clock, stream, db } = await streamOf();
    const table = db.table('orders');
    const [root] = stream.listShards();
    table.put({ id: 'a' });
    table.put({ id: 'b' });
    const child = stream.rolloverShard(root!.shardId);
    clock.advance(DAY + HOUR);
    table.put({ id: 'c' });
    db.updateTable({ TableName: 'orders', StreamSpecification: { StreamEnabled: false } });
    const history = stream.shardHistory();
    expect(history.status).toBe('DISABLED');
    expect(history.shards).toMatchObject([
      { shardId: root!.shardId, state: 'EXPIRED', endedBy: 'rollover', retainedRecords: 0, trimmedRecords: 2 },
      { shardId: child.shardId, state: 'CLOSED', endedBy: 'stream-disabled', retainedRecords: 1, trimmedRecords: 0 },
    ]);
    expect(history.shards[0]!.expiresAt).toBe(T0 + DAY + 1);
  });

  it('forgets expired shards as the stream does (bounded: rememberExpiredShards)', async () => {
    const { clock, stream } = await streamOf();
    stream.rememberExpiredShards(0);
    for (let i = 0; i < 5; i++) {
      stream.rolloverShard(stream.listShards().at(-1)!.shardId);
      clock.advance(DAY);
    }
    clock.advance(3 * DAY);
    stream.rolloverShard(stream.listShards().at(-1)!.shardId);
    const history = stream.shardHistory();
    expect(history.shards.length).toBeLessThanOrEqual(stream.footprint().liveShards + stream.footprint().expiredShards);
    expect(history.shards.filter((shard) => shard.state === 'EXPIRED')).toHaveLength(stream.footprint().expiredShards);
    expect(stream.footprint().expiredShards).toBeLessThan(5);
  });
});

describe('escaping', () => {
  it('escapes a table name with <, &, and quotes everywhere in the SVG', async () => {
    const name = `a<b>&"c'`;
    const history: ShardHistory = { ...(await streamOf('orders')).stream.shardHistory(), tableName: name };
    history.streamArn = `arn:${name}`;
    history.shards[0]!.shardId = `shardId-${name}`;
    const svg = renderHistorySvg(history, { title: `t ${name}` });
    expect(svg).not.toContain(name);
    expect(svg).toContain('a&lt;b&gt;&amp;&quot;c&#39;');
    // Every text node and attribute is well formed: no raw < or & outside tags and entities.
    const text = svg.replace(/<[^<>]*>/g, '');
    expect(text).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|#39);)/);
    expect(renderHistoryText(history, { title: name })).toContain(name);
  });
});

describe('options', () => {
  it.each([
    [{ width: 10 }, 'width must be an integer from'],
    [{ width: 1.5 }, 'width must be an integer from'],
    [{ height: -1 }, 'height must be an integer from'],
  ])('refuses %j', async (options, message) => {
    const { stream } = await streamOf();
    expect(() => stream.toSvg(options)).toThrow(message);
    expect(() => stream.toText(options)).toThrow(message);
  });

  it('sizes the SVG and the text as asked', async () => {
    const { stream } = await streamOf();
    expect(stream.toSvg({ width: 700 })).toMatch(/^<svg [^>]*width="700"/);
    const text = stream.toText({ width: 60, height: 4 });
    const plot = text.split('\n').filter((line) => line.includes('│'));
    expect(plot).toHaveLength(4);
    for (const line of plot) expect(line).toHaveLength(60);
  });

  it('draws a stream that just began (now equals the first creation) without dividing by zero', async () => {
    const { stream } = await streamOf();
    expect(stream.toSvg()).not.toMatch(/NaN|Infinity/);
    expect(stream.toText()).not.toMatch(/NaN|Infinity/);
  });
});
