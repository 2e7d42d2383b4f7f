import type { Clock } from './clock/clock.js';
import { checkDatabaseOptions, checkRequestMembers, checkStreamOptionsObject } from './database-options.js';
import { SystemClock } from './clock/system-clock.js';
import { SeededRandom, randomSeed } from './clock/seeded-random.js';
import { ResourceInUseException, ResourceNotFoundException, ValidationException } from './errors.js';
import { loadHasher, type Hasher } from './stream/hasher.js';
import { IteratorCodec } from './stream/iterator-token.js';
import { SequenceCounter } from './stream/sequence-number.js';
import { Stream, checkDescribeRequest, checkIteratorRequest, checkLimit } from './stream/stream.js';
import { LIST_STREAMS_LIMIT } from './stream/stream-requests.js';
import { streamArnFor, streamLabelAt } from './stream/stream-arn.js';
import { EventHub, type Unsubscribe } from './events/event-hub.js';
import { STREAM_EVENT_NAMES, type StreamEventName, type StreamEvents } from './stream/stream-events.js';
import { resolveStreamOptions, type StreamOptions } from './stream/stream-options.js';
import type {
  DescribeStreamInput,
  DescribeStreamOutput,
  GetRecordsInput,
  GetRecordsOutput,
  GetShardIteratorInput,
  GetShardIteratorOutput,
  ListStreamsInput,
  ListStreamsOutput,
  StreamViewType,
} from './stream/types.js';
import type {
  BatchWriteItemInput,
  BatchWriteItemOutput,
  DeleteItemInput,
  DeleteItemOutput,
  DocumentTransactItem,
  GetItemInput,
  GetItemOutput,
  PutItemInput,
  PutItemOutput,
  QueryInput,
  QueryOutput,
  ScanInput,
  ScanOutput,
  TransactWriteItemsInput,
  TransactWriteItemsOutput,
  UpdateItemInput,
  UpdateItemOutput,
} from './table/item-operations.js';
import { checkStreamSpecification, checkTableName, defineTable, type CreateTableInput, type TableDescription, type UpdateTableInput } from './table/table-definition.js';
import { Table, type TableHost } from './table/table.js';
import { batchWriteItem } from './database/batch-write.js';
import { describeTable, type TableStreams } from './database/table-description.js';
import { transactItemsOf, transactWriteItems } from './database/transact-write.js';

export interface DatabaseOptions {
  /** Where time comes from. Default: the system clock. Tests pass a `ManualClock`. */
  clock?: Clock;
  /** Seed for every generated id (shard ids, eventIDs, iterator keys). Default: a random seed, readable as `db.seed`. */
  seed?: number;
  /** Region in ARNs and records' `awsRegion`. Default `us-east-1`. */
  region?: string;
  /** Account in ARNs. Default `000000000000` (as DynamoDB Local). */
  accountId?: string;
  /** Defaults for every stream's options (tables may override with `streamOptions`). */
  streamDefaults?: StreamOptions;
}

export interface ListTablesInput {
  ExclusiveStartTableName?: string;
  Limit?: number;
}

export interface ListTablesOutput {
  TableNames: string[];
  LastEvaluatedTableName?: string;
}

const NO_TABLE = 'Cannot do operations on a non-existent table';

/**
 * One AWS account in one region: tables, their streams, the clock and the seed. Everything is in memory
 * and synchronous; `create` is async only because the xxhash wasm module loads once.
 */
export class Database {
  readonly clock: Clock;
  readonly seed: number;
  readonly region: string;
  readonly accountId: string;

  readonly #random: SeededRandom;
  readonly #hasher: Hasher;
  readonly #counter = new SequenceCounter();
  readonly #iterators: IteratorCodec;
  readonly #events = new EventHub<StreamEvents>(STREAM_EVENT_NAMES);
  readonly #streamDefaults: StreamOptions;
  readonly #tables = new Map<string, Table>();
  readonly #tableStreams = new Map<Table, TableStreams>();
  /** Every stream that still exists (ENABLED, or DISABLED within retention), by ARN, in creation order. */
  readonly #streams = new Map<string, Stream>();
  readonly #usedStreamArns = new Set<string>();
  readonly #host: TableHost;

  private constructor(options: DatabaseOptions, hasher: Hasher) {
    this.clock = options.clock ?? new SystemClock();
    this.seed = options.seed ?? randomSeed();
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '000000000000';
    this.#streamDefaults = options.streamDefaults ?? {};
    this.#random = new SeededRandom(this.seed);
    this.#hasher = hasher;
    this.#iterators = new IteratorCodec(hasher, this.#random.hex(16));
    this.#host = {
      now: () => this.clock.now(),
      streamOf: (table) => this.#tableStreams.get(table)?.current,
      describe: (table) => describeTable(table, this.#tableStreams.get(table), this.region, this.accountId),
      assertLive: (table) => {
        if (this.#tables.get(table.name) !== table) throw new ResourceNotFoundException(NO_TABLE);
      },
    };
  }

  /** A bad option (an unknown key, a value of the wrong type, a bad `streamDefaults`) is a ValidationException that names it. */
  static async create(options: DatabaseOptions = {}): Promise<Database> {
    checkDatabaseOptions(options);
    return new Database(options, await loadHasher());
  }

  /** Listen to every stream's events. Returns the unsubscribe function. */
  on<E extends StreamEventName>(event: E, listener: (payload: StreamEvents[E]) => void): Unsubscribe {
    return this.#events.on(event, listener);
  }

  off<E extends StreamEventName>(event: E, listener: (payload: StreamEvents[E]) => void): void {
    this.#events.off(event, listener);
  }

  /** Cancels the streams' clock timers. The Database stays readable. */
  close(): void {
    for (const stream of this.#streams.values()) stream.dispose();
  }

  // ------------------------------------------------------------------ tables

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html. Returns the table. */
  createTable(input: CreateTableInput): Table {
    if (input !== null && typeof input === 'object') checkRequestMembers('CreateTable', input);
    const definition = defineTable(input);
    if (this.#tables.has(definition.tableName)) throw new ResourceInUseException('Cannot create preexisting table');
    const table = new Table(this.#host, definition, this.clock.now());
    // Resolve stream options now, so bad options reject the CreateTable and change nothing.
    const viewType = input.StreamSpecification?.StreamEnabled === true ? input.StreamSpecification.StreamViewType : undefined;
    const options = this.#streamOptions(definition.streamOptions);
    this.#tables.set(table.name, table);
    this.#tableStreams.set(table, { current: undefined, latest: undefined });
    if (viewType !== undefined) this.#enableStream(table, viewType, options);
    return table;
  }

  /** The table with this name (throws ValidationException for an invalid name, ResourceNotFoundException for an absent one). */
  table(name: string): Table {
    // DynamoDB Local checks the name first: DescribeTable, PutItem, BatchWriteItem... on "ab" (or none) is
    // a ValidationException, not ResourceNotFoundException.
    checkTableName(name);
    const table = this.#tables.get(name);
    if (table === undefined) throw new ResourceNotFoundException(NO_TABLE);
    return table;
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html */
  describeTable(input: { TableName: string }): { Table: TableDescription } {
    return { Table: this.table(input?.TableName).describe() };
  }

  /**
   * Deletes a table. Its stream becomes DISABLED (open shards close) and stays readable for the retention
   * period, then disappears (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html).
   */
  deleteTable(input: { TableName: string }): { TableDescription: TableDescription } {
    const table = this.table(input?.TableName);
    // AWS answers DELETING (DynamoDB Local says ACTIVE); the table is gone as soon as this returns.
    const description: TableDescription = { ...table.describe(), TableStatus: 'DELETING' };
    const streams = this.#tableStreams.get(table);
    streams?.current?.disable();
    this.#tables.delete(table.name);
    this.#tableStreams.delete(table);
    table.clear();
    return { TableDescription: description };
  }

  /**
   * Enables or disables the table's stream. Disabling closes its open shards; the stream stays readable,
   * DISABLED, for the retention period. Enabling again creates a new stream, with a new label and ARN.
   */
  updateTable(input: UpdateTableInput): { TableDescription: TableDescription } {
    if (input !== null && typeof input === 'object') checkRequestMembers('UpdateTable', input);
    const table = this.table(input?.TableName);
    const spec = input.StreamSpecification;
    if (spec === undefined || spec === null) throw new ValidationException('Nothing to update');
    checkStreamSpecification(spec);
    const streams = this.#tableStreams.get(table) as TableStreams;
    if (spec.StreamEnabled === true) {
      if (streams.current !== undefined) throw new ValidationException('Table already has an enabled stream');
      // Only a member left out means "the table's own": null, like any value that is not options, is refused.
      const options = input.streamOptions === undefined ? table.definition.streamOptions : input.streamOptions;
      this.#enableStream(table, spec.StreamViewType as StreamViewType, this.#streamOptions(options));
    } else {
      if (input.streamOptions !== undefined) throw new ValidationException('streamOptions apply to the stream an UpdateTable enables; this one disables it');
      if (streams.current === undefined) throw new ValidationException('Table has no stream to disable');
      streams.current.disable();
      streams.current = undefined;
    }
    return { TableDescription: table.describe() };
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html (names in ascending order). */
  listTables(input: ListTablesInput = {}): ListTablesOutput {
    const limit = input.Limit;
    if (limit !== undefined && (typeof limit !== 'number' || limit < 1)) throw new ValidationException('Limit must be greater than or equal to 1');
    if (limit !== undefined && limit > 100) throw new ValidationException('Limit in ListTables must be <= 100');
    const start = input.ExclusiveStartTableName;
    // DynamoDB Local validates the start name like a table name ("ab" is rejected, an absent valid name is not).
    if (start !== undefined) checkTableName(start);
    const names = [...this.#tables.keys()].sort().filter((name) => start === undefined || name > start);
    const page = names.slice(0, limit ?? 100);
    const output: ListTablesOutput = { TableNames: page };
    if (names.length > page.length) output.LastEvaluatedTableName = page[page.length - 1] as string;
    return output;
  }

  // ------------------------------------------------------------------ items, by table name (AWS shapes)

  putItem(input: PutItemInput & { TableName: string }): PutItemOutput {
    return this.table(input?.TableName).putItem(input);
  }

  getItem(input: GetItemInput & { TableName: string }): GetItemOutput {
    return this.table(input?.TableName).getItem(input);
  }

  deleteItem(input: DeleteItemInput & { TableName: string }): DeleteItemOutput {
    return this.table(input?.TableName).deleteItem(input);
  }

  updateItem(input: UpdateItemInput & { TableName: string }): UpdateItemOutput {
    return this.table(input?.TableName).updateItem(input);
  }

  /** Query with the legacy KeyConditions (see `Table.query`). */
  query(input: QueryInput & { TableName: string }): QueryOutput {
    return this.table(input?.TableName).query(input);
  }

  /** Scan, in key order (see `Table.scan`). */
  scan(input: ScanInput & { TableName: string }): ScanOutput {
    return this.table(input?.TableName).scan(input);
  }

  /**
   * Up to 25 puts and deletes across tables. Every request is validated before any is applied, so a bad
   * request fails the whole call and changes nothing. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
   */
  batchWriteItem(input: BatchWriteItemInput): BatchWriteItemOutput {
    return batchWriteItem(input, (name) => this.table(name));
  }

  /**
   * Up to 100 writes and condition checks across tables, all or nothing: if any condition fails, the call
   * throws TransactionCanceledException with one reason per item, in request order, and changes nothing.
   * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
   */
  transactWriteItems(input: TransactWriteItemsInput): TransactWriteItemsOutput {
    return transactWriteItems(input, (name) => this.table(name));
  }

  /** `transactWriteItems` with plain JavaScript values. */
  transactWrite(items: DocumentTransactItem[]): void {
    this.transactWriteItems(transactItemsOf(items));
  }

  // ------------------------------------------------------------------ streams

  /** The stream with this ARN, while it exists (ENABLED, or DISABLED within retention). */
  stream(streamArn: string): Stream {
    const stream = this.#streams.get(streamArn);
    if (stream === undefined || stream.expired) throw new ResourceNotFoundException(`Requested resource not found: Stream: ${String(streamArn)} not found`);
    return stream;
  }

  /**
   * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_ListStreams.html
   * As DynamoDB Local: pages follow ascending ARN order, and each page lists its streams newest first.
   */
  listStreams(input: ListStreamsInput = {}): ListStreamsOutput {
    const limit = checkLimit(input.Limit, LIST_STREAMS_LIMIT);
    const start = input.ExclusiveStartStreamArn;
    const all = [...this.#streams.values()]
      .filter((stream) => !stream.expired && (input.TableName === undefined || stream.tableName === input.TableName))
      .sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0))
      .filter((stream) => start === undefined || stream.arn > start);
    const page = all.slice(0, limit);
    const output: ListStreamsOutput = {
      Streams: [...page]
        .sort((a, b) => b.createdAt - a.createdAt || (a.arn < b.arn ? 1 : -1))
        .map((stream) => ({ StreamArn: stream.arn, TableName: stream.tableName, StreamLabel: stream.label })),
    };
    if (all.length > page.length) output.LastEvaluatedStreamArn = (page[page.length - 1] as Stream).arn;
    return output;
  }

  describeStream(input: DescribeStreamInput & { StreamArn: string }): DescribeStreamOutput {
    checkDescribeRequest(input);
    return this.stream(input?.StreamArn).describeStream(input);
  }

  getShardIterator(input: GetShardIteratorInput & { StreamArn: string }): GetShardIteratorOutput {
    checkIteratorRequest(input);
    const stream = this.#streams.get(input?.StreamArn);
    // DynamoDB Local's text for GetShardIterator on an unknown stream.
    if (stream === undefined || stream.expired) throw new ResourceNotFoundException('Stream does not exist');
    return stream.getShardIterator(input);
  }

  getRecords(input: GetRecordsInput): GetRecordsOutput {
    const at = this.#iterators.decode(input?.ShardIterator);
    return this.stream(at.streamArn).readAt(at.shardId, at.position, at.issuedAt, input.Limit);
  }

  // ------------------------------------------------------------------ internals

  #streamOptions(tableOptions: StreamOptions | undefined) {
    checkStreamOptionsObject(tableOptions);
    return resolveStreamOptions({ ...this.#streamDefaults, ...tableOptions });
  }

  #enableStream(table: Table, viewType: StreamViewType, options: ReturnType<typeof resolveStreamOptions>): void {
    // Labels are creation times to the millisecond; on a frozen clock two streams of one table could share
    // one, so a taken label moves on by a millisecond.
    let at = this.clock.now();
    let label = streamLabelAt(at);
    let arn = streamArnFor(this.region, this.accountId, table.name, label);
    while (this.#usedStreamArns.has(arn)) {
      at += 1;
      label = streamLabelAt(at);
      arn = streamArnFor(this.region, this.accountId, table.name, label);
    }
    const stream = new Stream(
      { clock: this.clock, random: this.#random, hasher: this.#hasher, counter: this.#counter, iterators: this.#iterators, region: this.region, events: this.#events },
      { arn, label, tableName: table.name, keySchema: table.keySchema, viewType, options },
      (expired) => {
        this.#streams.delete(expired.arn);
      },
    );
    this.#usedStreamArns.add(arn);
    this.#streams.set(arn, stream);
    const streams = this.#tableStreams.get(table) as TableStreams;
    streams.current = stream;
    streams.latest = stream;
    if (this.#events.wants('streamStatus')) this.#events.emit('streamStatus', { streamArn: arn, tableName: table.name, status: 'ENABLED' });
  }
}
