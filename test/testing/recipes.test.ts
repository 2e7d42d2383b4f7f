/**
 * The global-setup recipes of docs/testing-with-vitest-and-jest.md, which the docs tests cannot run as they are
 * (vitest's globalSetup runs in vitest's main process, jest's under jest): the same code, called as the runners
 * call it, and a client in the test reaching the server it started.
 */
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestProject } from 'vitest/node';
import { Database, ManualClock } from '../../src/index.js';
import { listen } from '../../src/public/wire.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

// vitest: test/global-setup.ts, as the page has it.
async function setup(project: TestProject) {
  const db = await Database.create({ clock: new ManualClock(Date.UTC(2026, 0, 1)), seed: 1 });
  const server = await listen(db, { port: 0 }); // 127.0.0.1, a free port
  project.provide('dynamodbEndpoint', server.endpoint);
  return () => server.close(); // the teardown
}

// jest: test/global-setup.ts and test/global-teardown.ts, as the page has them.
async function globalSetup() {
  const db = await Database.create({ clock: new ManualClock(Date.UTC(2026, 0, 1)), seed: 1 });
  const server = await listen(db, { port: 0 });
  process.env.DYNAMODB_ENDPOINT = server.endpoint; // read by the tests: process.env.DYNAMODB_ENDPOINT
  (globalThis as { shardlineServer?: typeof server }).shardlineServer = server;
}
async function globalTeardown() {
  await (globalThis as { shardlineServer?: { close(): Promise<void> } }).shardlineServer?.close();
}

/** What a test in another process does with the endpoint: a table, a write and a read over HTTP. */
async function roundTrip(endpoint: string): Promise<unknown> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: 'recipes',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await client.send(new PutItemCommand({ TableName: 'recipes', Item: { id: { S: 'a' } } }));
    return (await client.send(new GetItemCommand({ TableName: 'recipes', Key: { id: { S: 'a' } } }))).Item;
  } finally {
    client.destroy();
  }
}

describe('a server started once in global setup', () => {
  const before = process.env.DYNAMODB_ENDPOINT;
  afterEach(() => {
    if (before === undefined) delete process.env.DYNAMODB_ENDPOINT;
    else process.env.DYNAMODB_ENDPOINT = before;
  });

  it("vitest: setup provides the endpoint, a test's client reaches it, the teardown closes it", async () => {
    const provided = new Map<string, unknown>();
    const project = { provide: (key: string, value: unknown) => provided.set(key, value) } as unknown as TestProject;
    const teardown = await setup(project);
    const endpoint = provided.get('dynamodbEndpoint') as string;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await roundTrip(endpoint)).toEqual({ id: { S: 'a' } });
    await teardown();
    await expect(roundTrip(endpoint)).rejects.toThrow();
  });

  it('jest: globalSetup puts the endpoint in the environment, globalTeardown closes the server', async () => {
    await globalSetup();
    const endpoint = process.env.DYNAMODB_ENDPOINT!;
    expect(await roundTrip(endpoint)).toEqual({ id: { S: 'a' } });
    await globalTeardown();
    await expect(roundTrip(endpoint)).rejects.toThrow();
  });
});
