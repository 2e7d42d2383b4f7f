/**
 * Figure: PutItem over HTTP, `listen(db)` on 127.0.0.1 driven by node's own http client with keep-alive, beside a
 * bare node:http server that reads each body and answers `{}` (what HTTP alone costs a call, in the same run).
 * Requests go one at a time (as a test awaits each SDK call) and 16 at a time; the CPU time per request (client and
 * server, one process) is reported too, as it holds steadier than a rate on a busy machine. Every request writes a distinct
 * 100-byte item (harness.ts) into a table with a NEW_AND_OLD_IMAGES stream.
 *
 * Then the hostile request of issue 9 (item 10): a PutItem of 700,000 tiny attributes (15.9 MiB), refused for its
 * size; the figures are the time from sending it to its answer, and the longest the event loop was held meanwhile,
 * during which no other client is answered. Both are bounded below by the JSON parse of the body, which AWS makes
 * too before any check (a body's JSON types are checked first).
 *
 *   node --expose-gc --import tsx bench/http-put-item.ts [--json]
 */
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  checkItemSize,
  compared,
  createBenchTable,
  gc,
  isMain,
  makeItems,
  median,
  note,
  now,
  runStandalone,
  type Figure,
} from './harness.js';
import { listen as listenDb } from '../src/public/wire.js';

const WRITES = 5_000;
const WARMUP_ROUNDS = 1;
const ROUNDS = 5;
const CONCURRENCY = 16;
const HOSTILE_ATTRIBUTES = 700_000;
const HOSTILE_ROUNDS = 3;

const HEADERS = { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.PutItem' };

/** One POST on `agent`; resolves with the status once the whole answer is read. */
function post(endpoint: string, agent: Agent, body: string, target = 'DynamoDB_20120810.PutItem'): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      endpoint,
      { method: 'POST', agent, headers: { ...HEADERS, 'X-Amz-Target': target } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** CPU time of this process (client and server both) per request of the last sendAll, in µs. */
let cpuPerRequest = 0;

/** Sends every body, `inFlight` at a time, and returns the milliseconds it took; every answer must be 200. */
async function sendAll(endpoint: string, bodies: readonly string[], inFlight: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  gc();
  const cpu = process.cpuUsage();
  const start = now();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < bodies.length) {
      const status = await post(endpoint, agent, bodies[next++] as string);
      if (status !== 200) throw new Error(`PutItem answered ${status}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const ms = now() - start;
  const used = process.cpuUsage(cpu);
  cpuPerRequest = (used.user + used.system) / bodies.length;
  agent.destroy();
  return ms;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A node:http server that reads the body and answers `{}`: HTTP's own cost. */
async function bareRound(bodies: readonly string[], inFlight: number): Promise<number> {
  const server = createServer((incoming, outgoing) => {
    incoming.resume();
    incoming.on('end', () =>
      outgoing.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0', 'Content-Length': '2' }).end('{}'),
    );
  });
  const endpoint = await listen(server);
  const ms = await sendAll(endpoint, bodies, inFlight);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return ms;
}

async function shardlineRound(bodies: readonly string[], inFlight: number): Promise<number> {
  const { db, table } = await createBenchTable();
  const server = await listenDb(db, { port: 0 });
  const ms = await sendAll(server.endpoint, bodies, inFlight);
  if (table.itemCount !== bodies.length)
    throw new Error(`HTTP PutItem lost items: ${table.itemCount} of ${bodies.length}`);
  await server.close();
  db.close();
  return ms;
}

/**
 * The hostile PutItem: the time from sending it to its answer, and the longest the event loop was held meanwhile
 * (node's event-loop delay histogram), which is how long every other client of the server waited.
 */
async function hostileRound(): Promise<{ answer: number; stall: number }> {
  const { db } = await createBenchTable();
  const server = await listenDb(db, { port: 0 });
  const attributes = Array.from({ length: HOSTILE_ATTRIBUTES }, (_, i) => `"a${i}":{"NULL":true}`).join(',');
  const body = `{"TableName":"bench","Item":{"pk":{"S":"big"},${attributes}}}`;
  const agent = new Agent({ keepAlive: true });
  gc();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const start = now();
  const status = await post(server.endpoint, agent, body);
  const answer = now() - start;
  delay.disable();
  if (status !== 400) throw new Error(`the hostile PutItem answered ${status}`);
  agent.destroy();
  await server.close();
  db.close();
  return { answer, stall: delay.max / 1e6 };
}

export async function run(): Promise<Figure[]> {
  checkItemSize();
  const bodies = makeItems(0, WRITES).map((Item) => JSON.stringify({ TableName: 'bench', Item }));
  const times = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  const record = (name: string, ms: number, round: number): void => {
    if (round < WARMUP_ROUNDS) return;
    times.set(name, [...(times.get(name) ?? []), ms]);
    cpu.set(name, [...(cpu.get(name) ?? []), cpuPerRequest]);
  };
  // Interleaved, so machine noise hits all alike.
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    for (const inFlight of [1, CONCURRENCY]) {
      record(`bare ${inFlight}`, await bareRound(bodies, inFlight), round);
      record(`shardline ${inFlight}`, await shardlineRound(bodies, inFlight), round);
    }
  }
  for (const [name, ms] of times) note(`  http-put-item ${name}: rounds ms ${ms.map((t) => t.toFixed(0)).join(' ')}`);
  const rate = (name: string): number => (WRITES / median(times.get(name) as number[])) * 1000;
  const cpuOf = (name: string): number => median(cpu.get(name) as number[]);

  const hostile: { answer: number; stall: number }[] = [];
  for (let round = 0; round < HOSTILE_ROUNDS; round++) hostile.push(await hostileRound());
  note(
    `  http-put-item hostile (answer/longest stall): ${hostile.map((h) => `${h.answer.toFixed(0)}/${h.stall.toFixed(0)} ms`).join(' ')}`,
  );

  return [
    { name: 'http: node:http answering {} (HTTP alone), 1 in flight', value: rate('bare 1'), unit: 'ops/s' },
    compared('http: PutItem via listen(db), 1 in flight (vs HTTP alone)', rate('shardline 1'), 'ops/s', rate('bare 1')),
    {
      name: `http: node:http answering {} (HTTP alone), ${CONCURRENCY} in flight`,
      value: rate(`bare ${CONCURRENCY}`),
      unit: 'ops/s',
    },
    compared(
      `http: PutItem via listen(db), ${CONCURRENCY} in flight (vs HTTP alone)`,
      rate(`shardline ${CONCURRENCY}`),
      'ops/s',
      rate(`bare ${CONCURRENCY}`),
    ),
    // CPU time holds steadier than rates on a shared machine: client and server together, per request.
    compared(
      'http: CPU per PutItem via listen(db), 1 in flight, client and server (vs HTTP alone)',
      cpuOf('shardline 1'),
      'µs',
      cpuOf('bare 1'),
    ),
    {
      name: 'http: a PutItem of 700,000 tiny attributes (15.9 MiB), refused: sent to answered',
      value: median(hostile.map((h) => h.answer)),
      unit: 'ms',
    },
    {
      name: 'http: the same, the longest the server answered nobody else',
      value: median(hostile.map((h) => h.stall)),
      unit: 'ms',
    },
  ];
}

if (isMain(import.meta.url)) runStandalone('PutItem over HTTP (listen(db))', run);
