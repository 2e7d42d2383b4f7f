/**
 * Where the library suites send their requests, and how they read the table's stream back.
 *
 * Without LIBRARY_TEST_ENDPOINT the SDK clients reach a shardline database in process (`createAwsHandler(db)`).
 * With LIBRARY_TEST_ENDPOINT=http://127.0.0.1:8765 the same suites run against that endpoint (Amazon's DynamoDB
 * Local), each table under a name of its own, and read the stream through the Streams API of the same endpoint.
 * So the suites' expectations are checked against a witness, and hold for shardline by the same assertions.
 *
 * The stream is read through `@aws-sdk/client-dynamodb-streams` both ways, and compared by what is stable across
 * endpoints: the event name, the keys and the images (not sequence numbers, event ids or times).
 */
import { appendFileSync } from 'node:fs';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type AttributeDefinition,
  type AttributeValue,
  type DynamoDBClientConfig,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clientConfig } from '../support/sdk-clients.js';
import { makeDb } from '../support/database.js';

/** The endpoint of a witness (DynamoDB Local), or undefined for shardline in process. */
export const WITNESS_ENDPOINT: string | undefined = process.env.LIBRARY_TEST_ENDPOINT || undefined;

/** With LIBRARY_TEST_REQUEST_LOG=FILE, each suite appends the requests it sent to FILE, one JSON line each. */
const REQUEST_LOG: string | undefined = process.env.LIBRARY_TEST_REQUEST_LOG || undefined;

/** One request a library sent: the operation (`PutItem`, ...) and its input as it went on the wire. */
export interface SentRequest {
  operation: string;
  input: Record<string, unknown>;
}

/** A stream record reduced to what both endpoints must agree on, the images unmarshalled. */
export interface Change {
  eventName: string;
  Keys: Record<string, unknown>;
  OldImage?: Record<string, unknown>;
  NewImage?: Record<string, unknown>;
}

export interface LibraryEndpoint {
  /** Settings for a client a library builds itself (Dynamoose's `DynamoDB`); pass it through `capture`. */
  config: DynamoDBClientConfig;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  /** Every request sent through `client`, `doc` or a captured client, in order. */
  sent: SentRequest[];
  /** Creates a table with a NEW_AND_OLD_IMAGES stream and returns a tail on that stream. */
  createTable(input: TableInput): Promise<StreamTail>;
  /** Records the requests of a client built from `config` in `sent`. */
  capture<C extends CapturableClient>(client: C): C;
  /** Deletes the tables this endpoint created (they would stay on a shared witness); writes the request log. */
  close(): Promise<void>;
}

export interface TableInput {
  TableName: string;
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: AttributeDefinition[];
  /** The indexes the library's model names (issue 12); on-demand, so no throughput of their own. */
  GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
  LocalSecondaryIndexes?: LocalSecondaryIndex[];
}

interface CapturableClient {
  middlewareStack: DynamoDBClient['middlewareStack'];
}

/**
 * A table name for a library suite: the name itself in process; on a shared witness, made unique to this process so
 * runs side by side do not meet.
 */
export function tableName(name: string): string {
  return WITNESS_ENDPOINT === undefined ? name : `shardline-libs-${name}-${process.pid}`;
}

/** An endpoint for one suite: a fresh shardline database in process, or the witness. */
export async function libraryEndpoint(): Promise<LibraryEndpoint> {
  const config: DynamoDBClientConfig =
    WITNESS_ENDPOINT === undefined
      ? clientConfig((await makeDb()).db)
      : {
          region: 'us-east-1',
          endpoint: WITNESS_ENDPOINT,
          credentials: { accessKeyId: 'AKIDSHARDLINE', secretAccessKey: 'shardline' },
          maxAttempts: 1,
        };
  const sent: SentRequest[] = [];
  const capture = <C extends CapturableClient>(target: C): C => {
    // At the build step the document client has marshalled its input: this is what goes on the wire.
    target.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = String(context.commandName ?? '').replace(/Command$/, '');
        sent.push({ operation, input: structuredClone(args.input as Record<string, unknown>) });
        return next(args);
      },
      { step: 'build', name: 'libraryRequestCapture' },
    );
    return target;
  };
  const client = capture(new DynamoDBClient(config));
  const doc = DynamoDBDocumentClient.from(client);
  const streams = new DynamoDBStreamsClient(config);
  const created: string[] = [];
  return {
    config,
    client,
    doc,
    sent,
    capture,
    async createTable(input) {
      // A table left by an interrupted run of this same process id would refuse CreateTable.
      if (WITNESS_ENDPOINT !== undefined) await deleteIfPresent(client, input.TableName);
      await client.send(
        new CreateTableCommand({
          ...input,
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        }),
      );
      created.push(input.TableName);
      const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
      return new StreamTail(streams, Table!.LatestStreamArn!);
    },
    async close() {
      for (const name of created) await deleteIfPresent(client, name);
      if (REQUEST_LOG !== undefined)
        appendFileSync(REQUEST_LOG, sent.map((request) => `${JSON.stringify(request)}\n`).join(''));
      sent.length = 0;
    },
  };
}

async function deleteIfPresent(client: DynamoDBClient, name: string): Promise<void> {
  try {
    await client.send(new DeleteTableCommand({ TableName: name }));
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
}

/**
 * Reads a stream as a consumer does, every shard from TRIM_HORIZON on, and hands out the records that arrived since
 * the last call. Records of one call are ordered by their keys: a step that writes several items (a transaction)
 * may put them on different shards, whose order relative to each other no endpoint promises.
 */
export class StreamTail {
  /** Each shard's next iterator; undefined once a closed shard is read to its end. */
  private readonly iterators = new Map<string, string | undefined>();

  constructor(
    private readonly streams: DynamoDBStreamsClient,
    readonly streamArn: string,
  ) {}

  /** The changes written since the last call. */
  async next(): Promise<Change[]> {
    await this.discoverShards();
    const changes: Change[] = [];
    for (const [shardId, start] of this.iterators) {
      let iterator = start;
      while (iterator !== undefined) {
        const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        const records = page.Records ?? [];
        changes.push(...records.map(changeOf));
        iterator = page.NextShardIterator;
        if (records.length === 0) break;
      }
      this.iterators.set(shardId, iterator);
    }
    return changes
      .map((change, index) => ({ change, key: JSON.stringify(Object.entries(change.Keys).sort()), index }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index))
      .map(({ change }) => change);
  }

  private async discoverShards(): Promise<void> {
    let ExclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId }),
      );
      for (const { ShardId } of StreamDescription?.Shards ?? []) {
        if (ShardId === undefined || this.iterators.has(ShardId)) continue;
        const { ShardIterator } = await this.streams.send(
          new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
        );
        this.iterators.set(ShardId, ShardIterator);
      }
      ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (ExclusiveStartShardId !== undefined);
  }
}

function changeOf(record: _Record): Change {
  const data = record.dynamodb ?? {};
  const image = (value: unknown) => unmarshall(value as Record<string, AttributeValue>);
  return {
    eventName: record.eventName ?? '',
    Keys: image(data.Keys ?? {}),
    ...(data.OldImage === undefined ? {} : { OldImage: image(data.OldImage) }),
    ...(data.NewImage === undefined ? {} : { NewImage: image(data.NewImage) }),
  };
}
