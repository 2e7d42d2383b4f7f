/**
 * The gate of the library suites' index access patterns (INDEXES_IN_PROCESS in library-endpoint.ts) holds only
 * while shardline refuses CreateTable with a GSI: this fails once it accepts one, so that the gate is opened then.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { INDEXES_IN_PROCESS, WITNESS_ENDPOINT, libraryEndpoint } from './library-endpoint.js';

describe.runIf(WITNESS_ENDPOINT === undefined && !INDEXES_IN_PROCESS)('the library suites’ index gate', () => {
  it('is closed only while shardline refuses CreateTable with a GSI (open it, INDEXES_IN_PROCESS, once not)', async () => {
    const { client } = await libraryEndpoint();
    const create = client.send(
      new CreateTableCommand({
        TableName: 'index-gate',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'g', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    await expect(create).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
