/**
 * Figure: PutItem through the AWS SDK v3 `DynamoDBClient` in process, beside the same client over HTTP against
 * DynamoDB Local (when one is running) and beside a direct `table.putItem` (no SDK) in the same process. Target:
 * the in-process client at least 50 times DynamoDB Local's throughput. It is assessed on the fastest in-process
 * setup shardline offers, `inProcessClientConfig(db)` plus `inProcessPlugin(db)` (the plugin answers a successful
 * call without the SDK's serialisation; test/wire/in-process-plugin.test.ts shows it answers as the whole stack).
 *
 * More figures say where the time goes: the same client with a request handler that answers `{}` at once
 * (what the SDK itself costs per call: serialising, signing, endpoint resolution, its middleware); the
 * in-process handler alone (`requestHandler: createAwsHandler(db)`); under a client created with
 * `cacheMiddleware: true` (an SDK option that resolves the middleware stack once per command type instead of once
 * per call); and under shardline's inProcessClientConfig without the plugin.
 *
 * Every variant writes distinct 100-byte items (harness.ts) into a table with a NEW_AND_OLD_IMAGES stream, one
 * call at a time (each awaited before the next), as a test does. shardline's variants write into a fresh table
 * each round (median of the rounds); DynamoDB Local gets one round of as many writes into a fresh table, after a
 * warm-up of its JVM (its rate falls as its stream records accumulate: ../docs/ddb-local-observed-core.md).
 *
 *   node --expose-gc --import tsx bench/wire-put-item.ts [--json] [--ddb-local http://127.0.0.1:8799]
 *   npm run bench:wire     # starts DynamoDB Local on 8799 (scripts/with-ddb-local.sh) if Java is there
 *
 * DynamoDB Local's endpoint comes from --ddb-local or DDB_LOCAL_ENDPOINT; without either (or if it does not
 * answer) the figure against it is left out and a note says so.
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { type AttributeMap } from '../src/index.js';
import { createAwsHandler, inProcessClientConfig, inProcessPlugin, type AwsHandler } from '../src/public/wire.js';
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
  timeOnce,
  type Figure,
} from './harness.js';

const IN_PROCESS_WRITES = 10_000;
const DIRECT_WRITES = 200_000;
const DDB_LOCAL_WRITES = IN_PROCESS_WRITES;
const DDB_LOCAL_WARMUP = 300;
const WARMUP_ROUNDS = 1;
const ROUNDS = 3;
const TARGET_RATIO = 50;

const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' };

/** The DynamoDB Local endpoint asked for: `--ddb-local URL`, else DDB_LOCAL_ENDPOINT. */
function ddbLocalEndpoint(argv: readonly string[] = process.argv): string | undefined {
  const at = argv.indexOf('--ddb-local');
  if (at >= 0) return argv[at + 1];
  return process.env.DDB_LOCAL_ENDPOINT || undefined;
}

async function putSequentially(
  client: DynamoDBClient,
  TableName: string,
  items: readonly AttributeMap[],
): Promise<number> {
  gc();
  const start = now();
  for (let i = 0; i < items.length; i++)
    await client.send(new PutItemCommand({ TableName, Item: items[i] as AttributeMap }));
  return now() - start;
}

/** A request handler that answers every call with an empty JSON object: the SDK's own cost per call. */
function emptyAnswerHandler(): AwsHandler {
  const body = new TextEncoder().encode('{}');
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    handle: async () => ({
      response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body },
    }),
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}

type ClientVariant =
  'in-process' | 'in-process, cacheMiddleware' | 'in-process, lean client' | 'in-process, plugin' | 'empty answers';

/** One round of a client variant: a fresh database and table, `items` written through the SDK. */
async function clientRound(variant: ClientVariant, items: readonly AttributeMap[]): Promise<number> {
  const { db, table } = await createBenchTable();
  const requestHandler = variant === 'empty answers' ? emptyAnswerHandler() : createAwsHandler(db);
  // The lean client is shardline's own inProcessClientConfig: cached middleware, no signing, a fixed endpoint. The
  // plugin variant adds inProcessPlugin(db), which answers a successful call without the SDK's serialisation.
  const lean = variant === 'in-process, lean client' || variant === 'in-process, plugin';
  const client = lean
    ? new DynamoDBClient(inProcessClientConfig(db))
    : new DynamoDBClient({
        region: 'us-east-1',
        credentials,
        requestHandler,
        maxAttempts: 1,
        cacheMiddleware: variant === 'in-process, cacheMiddleware',
      });
  if (variant === 'in-process, plugin') client.middlewareStack.use(inProcessPlugin(db));
  const ms = await putSequentially(client, 'bench', items);
  if (variant !== 'empty answers' && table.itemCount !== items.length)
    throw new Error(`in-process PutItem lost items: ${table.itemCount} of ${items.length}`);
  return ms;
}

async function directRound(items: readonly AttributeMap[]): Promise<number> {
  const { table } = await createBenchTable();
  return timeOnce(() => {
    for (let i = 0; i < items.length; i++) table.putItem({ Item: items[i] as AttributeMap });
  });
}

/** DynamoDB Local's PutItem rate through the same client over HTTP, or undefined if it does not answer. */
async function ddbLocalRate(endpoint: string): Promise<number | undefined> {
  const client = new DynamoDBClient({ region: 'us-east-1', credentials, endpoint, maxAttempts: 1 });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
  } catch (error) {
    note(
      `  wire-put-item: DynamoDB Local at ${endpoint} did not answer (${error instanceof Error ? error.message : String(error)})`,
    );
    return undefined;
  }
  // A name of its own, so a reused instance's tables are left alone.
  const TableName = `bench_${Date.now().toString(36)}`;
  await client.send(
    new CreateTableCommand({
      TableName,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  try {
    await putSequentially(client, TableName, makeItems(10_000_000, DDB_LOCAL_WARMUP));
    const ms = await putSequentially(client, TableName, makeItems(0, DDB_LOCAL_WRITES));
    note(`  wire-put-item DynamoDB Local: ${DDB_LOCAL_WRITES} writes in ${ms.toFixed(0)} ms`);
    return (DDB_LOCAL_WRITES / ms) * 1000;
  } finally {
    await client.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
    client.destroy();
  }
}

export async function run(): Promise<Figure[]> {
  checkItemSize();
  const inProcessItems = makeItems(0, IN_PROCESS_WRITES);
  const directItems = makeItems(0, DIRECT_WRITES);
  const variants: ClientVariant[] = [
    'in-process',
    'in-process, cacheMiddleware',
    'in-process, lean client',
    'in-process, plugin',
    'empty answers',
  ];
  const times = new Map<ClientVariant | 'direct', number[]>([...variants, 'direct' as const].map((name) => [name, []]));
  // Interleaved, so machine noise hits all alike.
  for (let r = 0; r < WARMUP_ROUNDS + ROUNDS; r++) {
    for (const variant of variants) {
      const ms = await clientRound(variant, inProcessItems);
      if (r >= WARMUP_ROUNDS) times.get(variant)?.push(ms);
    }
    const ms = await directRound(directItems);
    if (r >= WARMUP_ROUNDS) times.get('direct')?.push(ms);
  }
  for (const [name, ms] of times) note(`  wire-put-item ${name}: rounds ms ${ms.map((t) => t.toFixed(1)).join(' ')}`);
  const rate = (name: ClientVariant | 'direct') =>
    ((name === 'direct' ? DIRECT_WRITES : IN_PROCESS_WRITES) / median(times.get(name) as number[])) * 1000;
  const inProcessRate = rate('in-process');
  const directRate = rate('direct');
  const sdkRate = rate('empty answers');

  const figures: Figure[] = [
    { name: 'wire: table.putItem, direct (no SDK)', value: directRate, unit: 'ops/s' },
    { name: 'wire: DynamoDBClient with a handler answering {} (the SDK alone)', value: sdkRate, unit: 'ops/s' },
    compared(
      'wire: PutItem via DynamoDBClient, in-process handler (vs the SDK alone)',
      inProcessRate,
      'ops/s',
      sdkRate,
    ),
    compared(
      'wire: PutItem via DynamoDBClient { cacheMiddleware: true }, in-process (vs the SDK alone)',
      rate('in-process, cacheMiddleware'),
      'ops/s',
      sdkRate,
    ),
    compared(
      'wire: PutItem via DynamoDBClient(inProcessClientConfig(db)) (vs the SDK alone)',
      rate('in-process, lean client'),
      'ops/s',
      sdkRate,
    ),
    compared(
      'wire: PutItem via DynamoDBClient(inProcessClientConfig(db)) + inProcessPlugin(db) (vs the SDK alone)',
      rate('in-process, plugin'),
      'ops/s',
      sdkRate,
    ),
    compared(
      'wire: PutItem via DynamoDBClient + inProcessPlugin(db) (vs direct table.putItem)',
      rate('in-process, plugin'),
      'ops/s',
      directRate,
    ),
  ];
  const endpoint = ddbLocalEndpoint();
  const local = endpoint === undefined ? undefined : await ddbLocalRate(endpoint);
  if (local === undefined) {
    note(
      endpoint === undefined
        ? '  wire-put-item: DynamoDB Local not measured (no --ddb-local URL or DDB_LOCAL_ENDPOINT; `npm run bench:wire` starts one)'
        : '  wire-put-item: DynamoDB Local not measured (it did not answer)',
    );
    return figures;
  }
  figures.push(
    { name: 'wire: PutItem via DynamoDBClient, DynamoDB Local over HTTP', value: local, unit: 'ops/s' },
    // Context, not the target: the handler alone pays the whole SDK stack (about 130 µs a call here, more than
    // a 50th of DynamoDB Local's call), so no handler can reach the target through it.
    compared('wire: PutItem via DynamoDBClient, in-process handler (vs DynamoDB Local)', inProcessRate, 'ops/s', local),
    compared(
      'wire: PutItem via DynamoDBClient(inProcessClientConfig(db)) (vs DynamoDB Local)',
      rate('in-process, lean client'),
      'ops/s',
      local,
    ),
    compared(
      'wire: PutItem via DynamoDBClient(inProcessClientConfig(db)) + inProcessPlugin(db) (vs DynamoDB Local)',
      rate('in-process, plugin'),
      'ops/s',
      local,
      {
        text: `ratio >= ${TARGET_RATIO}`,
        met: rate('in-process, plugin') / local >= TARGET_RATIO,
      },
    ),
  );
  return figures;
}

if (isMain(import.meta.url)) runStandalone('PutItem through the AWS SDK', run);
