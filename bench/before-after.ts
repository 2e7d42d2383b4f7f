/**
 * Before and after: the write, read and HTTP paths of this checkout beside another checkout of shardline
 * (an earlier commit), in one process, rounds interleaved so machine noise hits both alike.
 *
 *   git worktree add --detach ../shardline-base <commit>   # once; give it node_modules (npm ci, or a link)
 *   node --expose-gc --import tsx bench/before-after.ts --base ../shardline-base [--head <dir>] [--json]
 *
 * Figures (ratio: the median over paired rounds of this checkout's rate / base's; higher is better):
 *   write  table.putItem of distinct 100-byte items, 1 shard, NEW_AND_OLD_IMAGES
 *   read   getRecords of a 1,000-record page, TRIM_HORIZON over a full shard
 *   http   PutItem over loopback HTTP (keep-alive, 8 requests in flight) through listen(db)
 *
 * Not in `npm run bench`: it needs a second checkout.
 */
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compared, gc, isMain, makeItems, median, note, now, runStandalone, timeOnce, type Figure } from './harness.js';
import type * as Shardline from '../src/index.js';
import type * as ShardlineWire from '../src/public/wire.js';

/** A checkout's package root, with `listen` from shardline/wire where the checkout has that subpath. */
type Module = typeof Shardline & { listen?: typeof ShardlineWire.listen };

async function load(dir: string): Promise<Module> {
  const root = (await import(pathToFileURL(resolve(dir, 'src/index.ts')).href)) as Module;
  const wire = resolve(dir, 'src/public/wire.ts');
  if (!existsSync(wire)) return root;
  return { ...root, listen: ((await import(pathToFileURL(wire).href)) as typeof ShardlineWire).listen };
}

const WRITES = 100_000;
const READ_RECORDS = 100_000;
const HTTP_REQUESTS = 4_000;
const HTTP_IN_FLIGHT = 8;
const ROUNDS = 11;

function baseDir(argv: readonly string[]): string {
  const at = argv.indexOf('--base');
  const dir = at >= 0 ? argv[at + 1] : process.env.SHARDLINE_BASE;
  if (dir === undefined) throw new Error('give the other checkout: --base <dir> (or SHARDLINE_BASE)');
  return resolve(dir);
}

async function newTable(mod: Module) {
  const db = await mod.Database.create({ clock: new mod.ManualClock(), seed: 1 });
  const table = db.createTable({
    TableName: 'bench',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    // Automatic policies off, so every round reads and writes one shard.
    streamOptions: { splitOnWriteRate: false, rolloverAfter: false },
  });
  return { db, table };
}

async function writeRound(mod: Module, items: readonly Shardline.AttributeMap[]): Promise<number> {
  const { table } = await newTable(mod);
  return timeOnce(() => {
    for (const item of items) table.putItem({ Item: item });
  });
}

async function readRound(mod: Module, items: readonly Shardline.AttributeMap[]): Promise<number> {
  const { table } = await newTable(mod);
  for (const item of items) table.putItem({ Item: item });
  const stream = table.stream!;
  const shardId = stream.describeStream().StreamDescription.Shards[0]!.ShardId;
  return timeOnce(() => {
    let iterator: string | undefined = stream.getShardIterator({
      ShardId: shardId,
      ShardIteratorType: 'TRIM_HORIZON',
    }).ShardIterator;
    let read = 0;
    while (iterator !== undefined && read < items.length) {
      const page = stream.getRecords({ ShardIterator: iterator, Limit: 1000 });
      read += page.Records.length;
      iterator = page.NextShardIterator;
    }
    if (read !== items.length) throw new Error(`read ${read} of ${items.length}`);
  });
}

function post(agent: Agent, port: number, body: string): Promise<void> {
  return new Promise((done, fail) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: {
          'Content-Type': 'application/x-amz-json-1.0',
          'X-Amz-Target': 'DynamoDB_20120810.PutItem',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? done() : fail(new Error(`HTTP ${String(res.statusCode)}`))));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

async function httpRound(mod: Module, bodies: readonly string[]): Promise<number> {
  const { db } = await newTable(mod);
  // The base may predate the free listen(db) (it had db.listen).
  const server = mod.listen
    ? await mod.listen(db, { port: 0 })
    : await (db as unknown as { listen(options: object): Promise<ShardlineWire.HttpServer> }).listen({ port: 0 });
  const agent = new Agent({ keepAlive: true, maxSockets: HTTP_IN_FLIGHT });
  gc();
  const start = now();
  let next = 0;
  const lane = async () => {
    while (next < bodies.length) await post(agent, server.port, bodies[next++]!);
  };
  await Promise.all(Array.from({ length: HTTP_IN_FLIGHT }, lane));
  const ms = now() - start;
  agent.destroy();
  await server.close();
  return ms;
}

export async function run(argv: readonly string[] = process.argv): Promise<Figure[]> {
  const base = await load(baseDir(argv));
  // --head DIR swaps which checkout is imported first (it is favoured by some percent); run both ways round.
  const at = argv.indexOf('--head');
  const head = await load(at >= 0 ? resolve(argv[at + 1] as string) : fileURLToPath(new URL('..', import.meta.url)));
  const items = makeItems(0, Math.max(WRITES, READ_RECORDS));
  const writeItems = items.slice(0, WRITES);
  const readItems = items.slice(0, READ_RECORDS);
  const bodies = items.slice(0, HTTP_REQUESTS).map((item) => JSON.stringify({ TableName: 'bench', Item: item }));

  const paths = [
    { name: 'write', unit: 'putItem/s', count: WRITES, round: (mod: Module) => writeRound(mod, writeItems) },
    { name: 'read', unit: 'records/s', count: READ_RECORDS, round: (mod: Module) => readRound(mod, readItems) },
    { name: 'http', unit: 'PutItem/s', count: HTTP_REQUESTS, round: (mod: Module) => httpRound(mod, bodies) },
  ];
  const figures: Figure[] = [];
  for (const path of paths) {
    const times = { base: [] as number[], head: [] as number[] };
    await path.round(base); // warm-up
    await path.round(head);
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which goes first, so neither always runs on a heap the other just left.
      const order = r % 2 === 0 ? (['base', 'head'] as const) : (['head', 'base'] as const);
      for (const which of order) times[which].push(await path.round(which === 'base' ? base : head));
    }
    const rate = (ms: number) => (path.count * 1000) / ms;
    note(
      `${path.name}: base ${times.base.map((t) => t.toFixed(0)).join(' ')} ms; head ${times.head.map((t) => t.toFixed(0)).join(' ')} ms`,
    );
    // The ratio is the median of the paired rounds' ratios: a pair runs back to back, so slow spells of a
    // shared machine hit both of its rounds and cancel out, where they would skew two separate medians.
    const figure = compared(
      `${path.name}, this checkout vs base`,
      rate(median(times.head)),
      path.unit,
      rate(median(times.base)),
    );
    figure.ratio = median(times.head.map((ms, r) => times.base[r]! / ms));
    figures.push(figure);
  }
  return figures;
}

if (isMain(import.meta.url)) runStandalone('before and after (this checkout vs --base)', () => run());
