import type { Clock } from '../clock/clock.js';
import { SystemClock } from '../clock/system-clock.js';
import type {
  DescribeStreamInput,
  DescribeStreamOutput,
  DynamoDBRecord,
  GetRecordsInput,
  GetRecordsOutput,
  GetShardIteratorInput,
  GetShardIteratorOutput,
  Shard,
  StreamDescription,
} from '../stream/types.js';
import { isStreamsError, toShardlineError } from './sdk-errors.js';
import type { StreamSource } from './stream-source.js';
import { DEFAULT_BACKOFF, withBackoff, type BackoffPolicy } from './throttle-backoff.js';
import { SeenShardParents } from './seen-shard-parents.js';

type Awaitable<T> = T | PromiseLike<T>;

/** What the source sends: the Streams API's inputs, with the stream's ARN. */
export type SdkDescribeStreamInput = DescribeStreamInput & { StreamArn: string };
export type SdkGetShardIteratorInput = GetShardIteratorInput & { StreamArn: string };

/** What an SDK answers, loosely: every SDK output member is optional, and `$metadata` comes along. */
export interface SdkDescribeStreamOutput {
  StreamDescription?:
    { Shards?: readonly SdkShard[] | undefined; LastEvaluatedShardId?: string | undefined } | undefined;
}
export interface SdkShard {
  ShardId?: string | undefined;
  SequenceNumberRange?:
    { StartingSequenceNumber?: string | undefined; EndingSequenceNumber?: string | undefined } | undefined;
  ParentShardId?: string | undefined;
}
export interface SdkGetShardIteratorOutput {
  ShardIterator?: string | undefined;
}
export interface SdkGetRecordsOutput {
  Records?: readonly unknown[] | undefined;
  NextShardIterator?: string | undefined;
}

/**
 * The three calls, as methods: the aggregated `DynamoDBStreams` client of `@aws-sdk/client-dynamodb-streams`
 * has them (`new DynamoDBStreams(config)`), and so does any object a test or an adapter builds.
 */
export interface DynamoDBStreamsMethods {
  describeStream(input: SdkDescribeStreamInput): Awaitable<SdkDescribeStreamOutput>;
  getShardIterator(input: SdkGetShardIteratorInput): Awaitable<SdkGetShardIteratorOutput>;
  getRecords(input: GetRecordsInput): Awaitable<SdkGetRecordsOutput>;
}

/** A bare `DynamoDBStreamsClient` (or any smithy client): it only has `send(command)`. */
export interface DynamoDBStreamsSender {
  send(command: never): PromiseLike<unknown>;
}

/** The command classes a bare client needs, e.g. `import * as commands from '@aws-sdk/client-dynamodb-streams'`. */
export interface DynamoDBStreamsCommands {
  DescribeStreamCommand: new (input: SdkDescribeStreamInput) => unknown;
  GetShardIteratorCommand: new (input: SdkGetShardIteratorInput) => unknown;
  GetRecordsCommand: new (input: GetRecordsInput) => unknown;
}

export interface SdkStreamSourceOptions {
  /** The stream to read (DescribeTable's `LatestStreamArn`, or ListStreams). */
  streamArn: string;
  /** Time for iterator ages, poll waits and throttling backoff. Default: a `SystemClock`. */
  clock?: Clock;
  /** With a bare `DynamoDBStreamsClient`: the command classes to send. Not needed with `DynamoDBStreams`. */
  commands?: DynamoDBStreamsCommands;
  /** Retries of throttled calls (LimitExceededException, ThrottlingException, ...), timed on `clock`. */
  backoff?: BackoffPolicy;
  /**
   * Find the second parent of a merged shard (default true), which the wire's `Shard` does not name, at the
   * cost of some DescribeStream calls. DynamoDB never merges stream shards: against AWS, `false` loses nothing.
   */
  findMergeParents?: boolean;
}

/**
 * A `StreamSource` over an AWS SDK v3 DynamoDB Streams client (`DynamoDBStreams`, or a bare client with its
 * `commands`), so one consumer runs against shardline, DynamoDB Local and AWS. The client is taken
 * structurally so shardline needs no SDK dependency (docs/consuming.md, "Reading a real stream through the AWS SDK").
 */
export function sdkStreamSource(
  client: DynamoDBStreamsMethods | DynamoDBStreamsSender,
  options: SdkStreamSourceOptions,
): StreamSource {
  const inner = new SdkStreamSource(client, options);
  const source = inner.asSource();
  sources.set(source, inner);
  return source;
}

/** How old the last complete listing may be when a new shard appears (#keepBounded): half a day. */
const RELIST_AFTER_MS = 12 * 3_600_000;

/** Each source sdkStreamSource made, for `shardsHeldBy` (weakly: a dropped source is collected). */
const sources = new WeakMap<StreamSource, SdkStreamSource>();

/**
 * How many shards an sdkStreamSource holds an entry for (undefined for another source): tests check that it
 * stays bounded over a long run. @internal
 */
export function shardsHeldBy(source: StreamSource): number | undefined {
  return sources.get(source)?.shardsHeld;
}

class SdkStreamSource {
  readonly #streamArn: string;
  readonly #clock: Clock;
  readonly #calls: DynamoDBStreamsMethods;
  readonly #backoff: Required<BackoffPolicy>;
  readonly #findMergeParents: boolean;
  readonly #seenParents = new SeenShardParents();
  /** The unfiltered listing being paged through by the reader, to learn which shards expired. */
  #listing: { shards: Shard[]; next: string } | undefined;
  /** Shards the parent record held after the last complete listing, and when that was (#keepBounded). */
  #heldAfterListing = 0;
  #listedAt = Number.NEGATIVE_INFINITY;
  /** Set once the server answered a CHILD_SHARDS request with the whole stream (DynamoDB Local does). */
  #ignoresShardFilter = false;

  constructor(client: DynamoDBStreamsMethods | DynamoDBStreamsSender, options: SdkStreamSourceOptions) {
    if (typeof options.streamArn !== 'string' || options.streamArn === '')
      throw new TypeError('sdkStreamSource needs the streamArn to read');
    this.#streamArn = options.streamArn;
    this.#clock = options.clock ?? new SystemClock();
    this.#calls = asMethods(client, options.commands);
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#findMergeParents = options.findMergeParents ?? true;
  }

  get shardsHeld(): number {
    return this.#seenParents.size;
  }

  asSource(): StreamSource {
    return {
      streamArn: this.#streamArn,
      describeStream: (input) => this.#describeStream(input),
      getShardIterator: (input) => this.#getShardIterator(input),
      getRecords: (input) => this.#getRecords(input),
      now: () => this.#clock.now(),
      schedule: (atMs, callback) => this.#clock.schedule(atMs, callback),
      shardParents: (shardId) => this.#seenParents.parentsOf(shardId),
    };
  }

  /** One call through the SDK: throttling retried on the clock, errors as shardline's classes. */
  async #send<T>(attempt: () => Awaitable<T>): Promise<T> {
    try {
      return await withBackoff(this.#clock, this.#backoff, attempt);
    } catch (error) {
      throw toShardlineError(error);
    }
  }

  async #describe(input: DescribeStreamInput): Promise<DescribeStreamOutput> {
    const output = await this.#send(() => this.#calls.describeStream({ ...input, StreamArn: this.#streamArn }));
    return normalizeDescription(output);
  }

  async #describeStream(input: DescribeStreamInput): Promise<DescribeStreamOutput> {
    const output = await this.#describe(input);
    const filter = input.ShardFilter;
    if (filter === undefined) {
      await this.#followListing(input, output.StreamDescription);
      return output;
    }
    const children = this.#childrenOnly(filter.ShardId, output.StreamDescription.Shards);
    const unseen = children.some((shard) => !this.#seenParents.has(shard.ShardId));
    this.#seenParents.recordChildren(filter.ShardId, children);
    // A child not seen before may be a merge's: learn its other parent before the reader can start it.
    if (unseen && this.#findMergeParents && !this.#ignoresShardFilter) await this.#findSecondParents(true);
    else if (unseen) await this.#keepBounded();
    return { StreamDescription: { ...output.StreamDescription, Shards: children } };
  }

  /** A complete listing: which shards expired, and which the parent record can forget (a day after). */
  #recordListing(shards: readonly Shard[]): void {
    this.#listedAt = this.#clock.now();
    this.#seenParents.recordListing(shards, this.#listedAt);
    this.#heldAfterListing = this.#seenParents.size;
  }

  /**
   * Only a complete listing tells which shards expired, and a reader that keeps up makes none of its own. So a
   * new shard triggers one when the last is half a day old or the record of parents has doubled (16 at least):
   * an expired shard is forgotten within a day and a half, for about one listing page per 100 shards.
   */
  async #keepBounded(): Promise<void> {
    const stale = this.#clock.now() - this.#listedAt >= RELIST_AFTER_MS;
    if (!stale && this.#seenParents.size <= 2 * this.#heldAfterListing + 16) return;
    try {
      this.#recordListing(await this.#pages({}));
    } catch (error) {
      if (!isStreamsError(error, 'ResourceNotFoundException')) throw error;
    }
  }

  /**
   * The shards of a CHILD_SHARDS answer that are children. A shard is never its own child, and a shard with no
   * parent is nobody's: an answer with either is the whole stream, from a server that does not know ShardFilter
   * (DynamoDB Local ignores it). From then on only ParentShardId tells children.
   */
  #childrenOnly(parentId: string, shards: Shard[]): Shard[] {
    if (shards.some((shard) => shard.ShardId === parentId || shard.ParentShardId === undefined))
      this.#ignoresShardFilter = true;
    return this.#ignoresShardFilter ? shards.filter((shard) => shard.ParentShardId === parentId) : shards;
  }

  /** Follows the reader's own unfiltered listing page by page; once complete, it is what the stream has. */
  async #followListing(input: DescribeStreamInput, page: StreamDescription): Promise<void> {
    if (input.ExclusiveStartShardId === undefined) this.#listing = { shards: [], next: '' };
    else if (this.#listing?.next !== input.ExclusiveStartShardId) this.#listing = undefined; // not a page of ours
    if (this.#listing === undefined) return;
    this.#listing.shards.push(...page.Shards);
    if (page.LastEvaluatedShardId !== undefined) {
      this.#listing.next = page.LastEvaluatedShardId;
      return;
    }
    this.#recordListing(this.#listing.shards);
    this.#listing = undefined;
    if (this.#findMergeParents && !this.#ignoresShardFilter) await this.#findSecondParents(false);
  }

  /**
   * Asks CHILD_SHARDS of every closed shard that no shard names as its parent: a merge's second parent is one
   * (its child names the first). `relist`: list the stream first, to see which shards are closed now. A stream
   * or shard that is gone meanwhile has no merge to find: the answer the reader asked for still goes back.
   */
  async #findSecondParents(relist: boolean): Promise<void> {
    try {
      if (relist) this.#recordListing(await this.#pages({}));
      for (const shardId of this.#seenParents.unprobedChildless()) {
        if (this.#ignoresShardFilter) return; // such a server cannot name a second parent
        this.#seenParents.recordChildren(
          shardId,
          this.#childrenOnly(shardId, await this.#pages({ ShardFilter: { Type: 'CHILD_SHARDS', ShardId: shardId } })),
        );
      }
    } catch (error) {
      if (!isStreamsError(error, 'ResourceNotFoundException')) throw error;
    }
  }

  /** Every page of one DescribeStream request. */
  async #pages(input: DescribeStreamInput): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.#describe(
        start === undefined ? input : { ...input, ExclusiveStartShardId: start },
      );
      shards.push(...StreamDescription.Shards);
      start = StreamDescription.LastEvaluatedShardId;
    } while (start !== undefined);
    return shards;
  }

  async #getShardIterator(input: GetShardIteratorInput): Promise<GetShardIteratorOutput> {
    const { ShardIterator } = await this.#send(() =>
      this.#calls.getShardIterator({ ...input, StreamArn: this.#streamArn }),
    );
    if (ShardIterator === undefined)
      throw new TypeError(`GetShardIterator answered without a ShardIterator for ${input.ShardId}`);
    return { ShardIterator };
  }

  async #getRecords(input: GetRecordsInput): Promise<GetRecordsOutput> {
    const { Records, NextShardIterator } = await this.#send(() => this.#calls.getRecords(input));
    // The SDK's records are the API's shape (Dates and Uint8Arrays, as shardline's): handed on as they are.
    const output: GetRecordsOutput = { Records: (Records ?? []) as DynamoDBRecord[] };
    if (NextShardIterator !== undefined) output.NextShardIterator = NextShardIterator;
    return output;
  }
}

/** A bare client with its command classes as the three methods; the aggregated client as it is. */
function asMethods(
  client: DynamoDBStreamsMethods | DynamoDBStreamsSender,
  commands: DynamoDBStreamsCommands | undefined,
): DynamoDBStreamsMethods {
  if (typeof (client as Partial<DynamoDBStreamsMethods>).getRecords === 'function') {
    const methods = client as DynamoDBStreamsMethods;
    return {
      describeStream: (input) => methods.describeStream(input),
      getShardIterator: (input) => methods.getShardIterator(input),
      getRecords: (input) => methods.getRecords(input),
    };
  }
  const send = (client as Partial<DynamoDBStreamsSender>).send;
  if (typeof send !== 'function')
    throw new TypeError('sdkStreamSource needs a DynamoDBStreams client, or a DynamoDBStreamsClient with `commands`');
  if (commands === undefined) {
    throw new TypeError(
      'A bare DynamoDBStreamsClient only has send(): pass `commands: { DescribeStreamCommand, GetShardIteratorCommand, GetRecordsCommand }`, or use the aggregated DynamoDBStreams client',
    );
  }
  const sender = client as { send(command: unknown): PromiseLike<unknown> };
  return {
    describeStream: (input) =>
      sender.send(new commands.DescribeStreamCommand(input)) as PromiseLike<SdkDescribeStreamOutput>,
    getShardIterator: (input) =>
      sender.send(new commands.GetShardIteratorCommand(input)) as PromiseLike<SdkGetShardIteratorOutput>,
    getRecords: (input) => sender.send(new commands.GetRecordsCommand(input)) as PromiseLike<SdkGetRecordsOutput>,
  };
}

/** An SDK DescribeStream answer in shardline's shape: `Shards` always an array, no `$metadata`. */
function normalizeDescription(output: SdkDescribeStreamOutput): DescribeStreamOutput {
  const description = output.StreamDescription ?? {};
  const shards = (description.Shards ?? []) as Shard[];
  const result = { ...description, Shards: shards } as StreamDescription;
  if (result.LastEvaluatedShardId === undefined) delete result.LastEvaluatedShardId;
  return { StreamDescription: result };
}
