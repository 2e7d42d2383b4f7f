/**
 * Figure: an expression UpdateItem (`SET a = a + :one, b = list_append(b, :l) REMOVE c`) through the AWS SDK v3
 * `DynamoDBClient` in process (`inProcessClientConfig(db)` + `inProcessPlugin(db)`), beside the same calls over HTTP
 * against DynamoDB Local when one is running. Target: at least 50 times DynamoDB Local's throughput (issue 11).
 * Every call updates a distinct item of a NEW_AND_OLD_IMAGES table, one call at a time, as a test does.
 *
 *   node --expose-gc --import tsx bench/wire-update-item.ts [--json] [--ddb-local http://127.0.0.1:8799]
 *   npm run bench:wire     # starts DynamoDB Local on 8799 (scripts/with-ddb-local.sh) if Java is there
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { inProcessClientConfig, inProcessPlugin } from '../src/public/wire.js';
import { compared, createBenchTable, gc, isMain, median, note, now, runStandalone, type Figure } from './harness.js';

const CALLS = 5_000;
const DDB_LOCAL_WARMUP = 300;
const ROUNDS = 3;
const TARGET_RATIO = 50;

const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' };

const keyOf = (i: number): Record<string, AttributeValue> => ({ pk: { S: `user-${String(i).padStart(12, '0')}` } });
const itemOf = (i: number): Record<string, AttributeValue> => ({
  ...keyOf(i),
  a: { N: '10' },
  b: { L: [{ S: 'x' }] },
  c: { S: 'remove me' },
});

/** Puts `count` items from `from`, then times one update of each through `client`. */
async function updateRound(client: DynamoDBClient, TableName: string, from: number, count: number): Promise<number> {
  for (let i = from; i < from + count; i++) await client.send(new PutItemCommand({ TableName, Item: itemOf(i) }));
  gc();
  const start = now();
  for (let i = from; i < from + count; i++) {
    await client.send(
      new UpdateItemCommand({
        TableName,
        Key: keyOf(i),
        UpdateExpression: 'SET a = a + :one, b = list_append(b, :l) REMOVE c',
        ExpressionAttributeValues: { ':one': { N: '1' }, ':l': { L: [{ S: 'y' }] } },
      }),
    );
  }
  return now() - start;
}

async function inProcessRate(): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    const { db } = await createBenchTable();
    const client = new DynamoDBClient(inProcessClientConfig(db));
    client.middlewareStack.use(inProcessPlugin(db));
    const ms = await updateRound(client, 'bench', 0, CALLS);
    if (r > 0) times.push(ms);
  }
  return (CALLS / median(times)) * 1000;
}

async function ddbLocalRate(endpoint: string): Promise<number | undefined> {
  const client = new DynamoDBClient({ region: 'us-east-1', credentials, endpoint, maxAttempts: 1 });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
  } catch {
    note(`  wire-update-item: DynamoDB Local at ${endpoint} did not answer`);
    return undefined;
  }
  const TableName = `bench_update_${Date.now().toString(36)}`;
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
    await updateRound(client, TableName, 10_000_000, DDB_LOCAL_WARMUP);
    const ms = await updateRound(client, TableName, 0, CALLS);
    return (CALLS / ms) * 1000;
  } finally {
    await client.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
    client.destroy();
  }
}

export async function run(): Promise<Figure[]> {
  const inProcess = await inProcessRate();
  const figures: Figure[] = [
    {
      name: 'wire: expression UpdateItem via DynamoDBClient(inProcessClientConfig(db)) + inProcessPlugin(db)',
      value: inProcess,
      unit: 'ops/s',
    },
  ];
  const at = process.argv.indexOf('--ddb-local');
  const endpoint = at >= 0 ? process.argv[at + 1] : process.env.DDB_LOCAL_ENDPOINT || undefined;
  const local = endpoint === undefined ? undefined : await ddbLocalRate(endpoint);
  if (local === undefined) {
    note('  wire-update-item: DynamoDB Local not measured (`npm run bench:wire` starts one)');
    return figures;
  }
  figures.push(
    { name: 'wire: expression UpdateItem via DynamoDBClient, DynamoDB Local over HTTP', value: local, unit: 'ops/s' },
    compared(
      'wire: expression UpdateItem, in process with inProcessPlugin(db) (vs DynamoDB Local)',
      inProcess,
      'ops/s',
      local,
      { text: `ratio >= ${TARGET_RATIO}`, met: inProcess / local >= TARGET_RATIO },
    ),
  );
  return figures;
}

if (isMain(import.meta.url)) runStandalone('Expression UpdateItem through the AWS SDK', run);
