/**
 * The operations and the world the StreamReader properties run: a table with a small key space (so keys
 * repeat and some writes change nothing), reshardings, clock moves, and a consumer that polls, drains, saves
 * checkpoints and restarts. Every op prints as one short line, so a shrunk counterexample reads as a script.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  Database,
  ManualClock,
  RecordsTrimmedError,
  ResourceNotFoundException,
  StreamReader,
  type Checkpoint,
  type CheckpointStore,
  type DynamoDBRecord,
  type ReaderBatch,
  type Stream,
  type StreamReaderOptions,
  type Table,
} from '../../src/index.js';
import { openShardsInHashOrder as openShards } from '../support/shards.js';
import { DAY, HOUR, T0 } from '../support/time.js';

const HASH_SPACE = 1n << 64n;

export type Op =
  | { kind: 'put'; pk: number; sk: number; value: number }
  | { kind: 'update'; pk: number; sk: number; value: number }
  | { kind: 'delete'; pk: number; sk: number }
  | { kind: 'split'; shard: number; point: bigint }
  | { kind: 'merge'; pair: number }
  | { kind: 'rollover'; shard: number }
  | { kind: 'advance'; ms: number }
  /** The table's stream disabled (its shards close; it expires 24 hours later), or enabled again (a new stream). */
  | { kind: 'disable' }
  | { kind: 'enable' }
  /** One poll round; every batch handled. */
  | { kind: 'poll' }
  /** drain(); every batch handled. */
  | { kind: 'drain' }
  /** One poll round, every batch handled, and the checkpoint saved after one of its records (checkpointAfter). */
  | { kind: 'pollAndSave'; batch: number; record: number }
  /** The reader's whole checkpoint saved. */
  | { kind: 'save' }
  /**
   * drainEach with the checkpoint store (each batch saved once handled); the handler throws at batch `failAt`
   * if there is one, and the consumer then restarts from the store.
   */
  | { kind: 'drainEach'; failAt: number }
  /** The consumer crashes and restarts from the last saved checkpoint. */
  | { kind: 'restart' };

function describeOp(op: Op): string {
  switch (op.kind) {
    case 'put':
      return `put(p${op.pk}#${op.sk}, v=${op.value})`;
    case 'update':
      return `update(p${op.pk}#${op.sk}, u=${op.value})`;
    case 'delete':
      return `delete(p${op.pk}#${op.sk})`;
    case 'split':
      return `split(open[${op.shard}], at ${op.point})`;
    case 'merge':
      return `merge(open[${op.pair}], open[${op.pair}+1])`;
    case 'rollover':
      return `rollover(open[${op.shard}])`;
    case 'advance':
      return op.ms >= HOUR ? `advance(${op.ms} ms = ${(op.ms / HOUR).toFixed(2)} h)` : `advance(${op.ms} ms)`;
    case 'disable':
      return 'disableStream()';
    case 'enable':
      return 'enableStream() (a new stream)';
    case 'poll':
      return 'poll()';
    case 'drain':
      return 'drain()';
    case 'pollAndSave':
      return `poll() and save after batch[${op.batch}].records[${op.record}]`;
    case 'save':
      return 'save(checkpoint())';
    case 'drainEach':
      return `drainEach(handle and save, failing at batch ${op.failAt})`;
    case 'restart':
      return 'restart()';
  }
}

/** Gives an op a one-line toString for fast-check's report. */
function named<T extends Op>(op: T): T {
  return Object.defineProperty({ ...op }, fc.toStringMethod, { value: () => describeOp(op), enumerable: false });
}

const pk = fc.integer({ min: 0, max: 2 });
const sk = fc.integer({ min: 0, max: 1 });
const value = fc.integer({ min: 0, max: 2 });

export interface OpWeights {
  /** Largest small clock move, ms. */
  maxAdvanceMs: number;
  /** Clock jumps beyond retention, [min, max] ms. */
  jump?: [number, number];
  /** Include checkpoint saves (`pollAndSave`, `save`). `restart` is always in. */
  saves: boolean;
  /** Include `pollAndSave` when `saves` (default true): a checkpoint after one record of a poll. */
  partialSaves?: boolean;
  /** Include stream disable and enable. */
  lifecycle?: boolean;
}

export function opArbitrary(weights: OpWeights): fc.Arbitrary<Op> {
  const ops: { arbitrary: fc.Arbitrary<Op>; weight: number }[] = [
    { arbitrary: fc.record({ kind: fc.constant('put' as const), pk, sk, value }), weight: 5 },
    { arbitrary: fc.record({ kind: fc.constant('update' as const), pk, sk, value }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('delete' as const), pk, sk }), weight: 2 },
    {
      arbitrary: fc.record({
        kind: fc.constant('split' as const),
        shard: fc.nat(7),
        point: fc.bigInt({ min: 0n, max: HASH_SPACE - 1n }),
      }),
      weight: 1,
    },
    { arbitrary: fc.record({ kind: fc.constant('merge' as const), pair: fc.nat(7) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('rollover' as const), shard: fc.nat(7) }), weight: 1 },
    {
      arbitrary: fc.record({
        kind: fc.constant('advance' as const),
        ms: fc.integer({ min: 1, max: weights.maxAdvanceMs }),
      }),
      weight: 2,
    },
    { arbitrary: fc.constant({ kind: 'poll' as const }), weight: 3 },
    { arbitrary: fc.constant({ kind: 'drain' as const }), weight: 1 },
  ];
  if (weights.jump !== undefined) {
    ops.push({
      arbitrary: fc.record({
        kind: fc.constant('advance' as const),
        ms: fc.integer({ min: weights.jump[0], max: weights.jump[1] }),
      }),
      weight: 1,
    });
  }
  ops.push({ arbitrary: fc.constant({ kind: 'restart' as const }), weight: 1 });
  if (weights.saves) {
    if (weights.partialSaves !== false) {
      ops.push({
        arbitrary: fc.record({ kind: fc.constant('pollAndSave' as const), batch: fc.nat(7), record: fc.nat(7) }),
        weight: 2,
      });
    }
    ops.push(
      { arbitrary: fc.constant({ kind: 'save' as const }), weight: 1 },
      { arbitrary: fc.record({ kind: fc.constant('drainEach' as const), failAt: fc.nat(9) }), weight: 1 },
    );
  }
  if (weights.lifecycle === true) {
    ops.push(
      { arbitrary: fc.constant({ kind: 'disable' as const }), weight: 1 },
      { arbitrary: fc.constant({ kind: 'enable' as const }), weight: 1 },
    );
  }
  return fc.oneof(...ops).map(named);
}

// ------------------------------------------------------------------ the world

export interface Written {
  record: DynamoDBRecord;
  shardId: string;
  /** Write time, ms. */
  at: number;
}

export interface World {
  db: Database;
  clock: ManualClock;
  table: Table;
  stream: Stream;
  /** Every record the stream produced, in write order (the ground truth). A stream enabled later is another. */
  written: Written[];
  /** Every shard the stream opened, with its parents (the lineage, kept here after the stream forgets it). */
  parents: Map<string, readonly string[]>;
}

export interface WorldOptions {
  /**
   * Expired shards the stream keeps beyond a retention period (1024 by default): a few, so a property run of
   * 40 operations reaches the horizon past which the stream forgets shards.
   */
  rememberExpiredShards?: number;
}

export async function world(initialShards: number, options: WorldOptions = {}): Promise<World> {
  const clock = new ManualClock(T0);
  const db = await Database.create({ clock, seed: 7 });
  const table = db.createTable({
    TableName: 'reader-props',
    KeySchema: [
      { AttributeName: 'id', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'id', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    // Rollover stays on (every 4 hours, the default): clock moves add generations of their own.
    streamOptions: { initialShards },
  });
  const w: World = { db, clock, table, stream: table.stream!, written: [], parents: new Map() };
  for (const shard of w.stream.listShards()) w.parents.set(shard.shardId, shard.parentShardIds);
  if (options.rememberExpiredShards !== undefined) w.stream.rememberExpiredShards(options.rememberExpiredShards);
  db.on('record', ({ streamArn, shardId, record }) => {
    if (streamArn === w.stream.arn) w.written.push({ record, shardId, at: clock.now() });
  });
  db.on('shardOpened', ({ streamArn, shard }) => {
    if (streamArn === w.stream.arn) w.parents.set(shard.shardId, shard.parentShardIds);
  });
  return w;
}

/** Applies a write, reshard, stream lifecycle or clock op to the world. Returns false for consumer ops (the caller's). */
export function applyWorldOp(w: World, op: Op): boolean {
  // Reshardings act on the stream being read, and only while it is enabled (a disabled one has no open shard).
  const resharding = w.stream.status === 'ENABLED' && !w.stream.expired;
  switch (op.kind) {
    case 'put':
      w.table.put({ id: `p${op.pk}`, sk: op.sk, v: op.value });
      return true;
    case 'update':
      w.table.update({ id: `p${op.pk}`, sk: op.sk }, (current) => ({
        ...(current ?? { id: `p${op.pk}`, sk: op.sk }),
        u: op.value,
      }));
      return true;
    case 'delete':
      w.table.delete({ id: `p${op.pk}`, sk: op.sk });
      return true;
    case 'split': {
      if (!resharding) return true;
      const open = openShards(w.stream);
      const target = open[op.shard % open.length]!;
      const { start, end } = target.hashKeyRange;
      if (end > start) w.stream.splitShard(target.shardId, start + 1n + (op.point % (end - start)));
      return true;
    }
    case 'merge': {
      if (!resharding) return true;
      const open = openShards(w.stream);
      if (open.length >= 2) {
        const i = op.pair % (open.length - 1);
        w.stream.mergeShards(open[i]!.shardId, open[i + 1]!.shardId);
      }
      return true;
    }
    case 'rollover': {
      if (!resharding) return true;
      const open = openShards(w.stream);
      w.stream.rolloverShard(open[op.shard % open.length]!.shardId);
      return true;
    }
    case 'advance':
      w.clock.advance(op.ms);
      return true;
    case 'disable':
      if (w.table.stream !== undefined)
        w.db.updateTable({ TableName: w.table.name, StreamSpecification: { StreamEnabled: false } });
      return true;
    case 'enable':
      if (w.table.stream === undefined) {
        w.db.updateTable({
          TableName: w.table.name,
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        });
      }
      return true;
    default:
      return false;
  }
}

// ------------------------------------------------------------------ what the consumer handled

export interface Handled {
  shardId: string;
  record: DynamoDBRecord;
}

/**
 * A checkpoint store that keeps the consumer's own state with each checkpoint, as one write (a real consumer
 * keeps the two together), so a crash rolls both back to the last save, whoever made it: the consumer, or
 * `drainEach` and `batches`, which save each handled batch and each position that moved without one.
 */
export class StateSavingStore<S> implements CheckpointStore {
  #saved: { checkpoint: Checkpoint; state: S } | undefined;
  readonly #snapshot: () => S;

  /** `snapshot`: the consumer's state now, as a copy. */
  constructor(snapshot: () => S) {
    this.#snapshot = snapshot;
  }

  load(): Checkpoint | undefined {
    return this.#saved === undefined ? undefined : { ...this.#saved.checkpoint };
  }

  save(checkpoint: Checkpoint): void {
    this.saveWith(checkpoint, this.#snapshot());
  }

  /** Saves a checkpoint with a state other than the current one (a checkpoint after one record of a poll). */
  saveWith(checkpoint: Checkpoint, state: S): void {
    this.#saved = { checkpoint: { ...checkpoint }, state };
  }

  /** The state saved with the last checkpoint; undefined when nothing was saved. */
  restore(): S | undefined {
    return this.#saved?.state;
  }
}

/**
 * drainEach with the store, the handler throwing at batch `failAt` when the drain has that many: every batch
 * handled before is saved, the failed one is neither handled nor saved. Says whether it failed.
 */
export function drainEachSaving(reader: StreamReader, log: Handled[], store: CheckpointStore, failAt: number): boolean {
  let seen = 0;
  const failure = new Error('handler failed');
  try {
    reader.drainEach(
      (batch) => {
        if (seen++ === failAt) throw failure;
        handle(log, [batch]);
      },
      { checkpointStore: store },
    );
    return false;
  } catch (error) {
    if (error !== failure) throw error;
    return true;
  }
}

/** What a consumer keeps with its checkpoint, at least: what it handled, and when it started. */
export interface ConsumerState {
  log: Handled[];
  /** When the consumer started: the clock, and how many records the stream had written by then. */
  start: { at: number; written: number } | undefined;
}

export interface StoreConsumerOptions<S extends ConsumerState> {
  options: StreamReaderOptions;
  /** A new consumer's state, and a copy of one (what the store keeps). */
  empty: () => S;
  copy: (state: S) => S;
  /** Listens to a new reader's events (they go to `consumer.state`, the current one). */
  watch: (reader: StreamReader) => void;
  /** A crash: the reports of the dropped reader are forgotten. */
  onRestart: () => void;
  /** A loss the reader threw under onTrimmed 'throw'. */
  onThrown: (error: RecordsTrimmedError) => void;
}

/**
 * A consumer that keeps its own state with its checkpoint (a StateSavingStore) and runs the reader ops: poll,
 * drain, save, drainEach with the store (a handler failure is a crash), restart from the store; then catches up.
 */
export class StoreConsumer<S extends ConsumerState> {
  state: S;
  reader: StreamReader;
  readonly store: StateSavingStore<S>;
  readonly #w: World;
  readonly #config: StoreConsumerOptions<S>;

  constructor(w: World, config: StoreConsumerOptions<S>) {
    this.#w = w;
    this.#config = config;
    this.state = config.empty();
    this.store = new StateSavingStore(() => config.copy(this.state));
    this.reader = new StreamReader(w.stream, config.options);
    config.watch(this.reader);
  }

  /** A crash: the consumer comes back with the state it saved with its checkpoint, or as new. */
  restart(): void {
    // A reader dropped by a crash may have had a loss still to raise (after a poll that returned batches).
    this.#config.onRestart();
    const saved = this.store.restore();
    this.state = saved === undefined ? this.#config.empty() : this.#config.copy(saved);
    this.reader = StreamReader.fromStore(this.#w.stream, this.store, this.#config.options);
    this.#config.watch(this.reader);
  }

  /** Runs a consumer step (its start is the first poll of a consumer that has none). */
  consume(step: () => void): 'done' | 'thrown' | 'gone' {
    this.state.start ??= { at: this.#w.clock.now(), written: this.#w.written.length };
    try {
      step();
      return 'done';
    } catch (error) {
      if (error instanceof RecordsTrimmedError && this.#config.options.onTrimmed === 'throw') {
        this.#config.onThrown(error);
        return 'thrown';
      }
      // Only a stream that has expired is gone (a fresh reader then owes nothing, and cannot start).
      if (error instanceof ResourceNotFoundException && this.#w.stream.expired) return 'gone';
      throw error;
    }
  }

  /** One op: a change to the world, or a consumer op. */
  apply(op: Op): void {
    if (applyWorldOp(this.#w, op)) return;
    switch (op.kind) {
      case 'poll':
        this.consume(() => handle(this.state.log, this.reader.poll()));
        break;
      case 'drain':
        this.consume(() => handle(this.state.log, this.reader.drain()));
        break;
      case 'save':
        this.store.save(this.reader.checkpoint());
        break;
      case 'drainEach': {
        let failed = false;
        this.consume(() => {
          failed = drainEachSaving(this.reader, this.state.log, this.store, op.failAt);
        });
        if (failed) this.restart();
        break;
      }
      case 'restart':
        this.restart();
        break;
      default:
        throw new Error(`unexpected op ${op.kind}`);
    }
  }

  /**
   * Catch up: under 'throw', each loss still unreported throws once (a drain that read batches first returns
   * them, and the next one throws), then reading goes on until a drain finds nothing, or the stream is gone.
   */
  catchUp(): void {
    for (let round = 0, done = false; !done; round++) {
      expect(round, 'a drain still throws after every loss was thrown').toBeLessThan(100);
      let batches = 0;
      const outcome = this.consume(() => {
        const read = this.reader.drain();
        batches = read.length;
        handle(this.state.log, read);
      });
      done = outcome === 'gone' || (outcome === 'done' && batches === 0);
    }
  }

  /**
   * The written records owed to the consumer (all since its start, from LATEST; from TRIM_HORIZON, also those
   * up to a day older), after checking that it was delivered none other, and every one still in the stream.
   */
  owed(startAt: 'TRIM_HORIZON' | 'LATEST'): Written[] {
    const w = this.#w;
    const { log } = this.state;
    const start = this.state.start!;
    const owed = w.written.filter((entry, index) =>
      startAt === 'LATEST' ? index >= start.written : entry.at >= start.at - DAY,
    );
    const owedIds = new Set(owed.map(({ record }) => record.eventID));
    expect(
      log.filter(({ record }) => !owedIds.has(record.eventID)).map(({ record }) => record.eventID),
      'delivered, not owed',
    ).toEqual([]);
    const now = w.clock.now();
    const handledIds = new Set(log.map(({ record }) => record.eventID));
    expect(
      owed.filter((entry) => !handledIds.has(entry.record.eventID) && now - entry.at <= DAY).map(describeWritten),
      'owed, still in the stream, yet not delivered',
    ).toEqual([]);
    return owed;
  }
}

export function handle(log: Handled[], batches: readonly ReaderBatch[]): void {
  for (const batch of batches) {
    for (const record of batch.records) log.push({ shardId: batch.shardId, record });
  }
}

const keyOf = (record: DynamoDBRecord) => `${record.dynamodb.Keys.id!.S}#${record.dynamodb.Keys.sk!.N}`;
const idOf = (record: DynamoDBRecord) => record.eventID;

/**
 * What every handled log must satisfy: no record twice; every record one the stream wrote, with the same
 * content; each key's records in write order; and every shard's records after all of its parents' records.
 */
export function checkHandled(w: World, log: readonly Handled[]): void {
  const ids = log.map(({ record }) => idOf(record));
  expect(new Set(ids).size, 'a record was delivered twice').toBe(ids.length);
  const writtenById = new Map(w.written.map((entry) => [idOf(entry.record), entry]));
  for (const { shardId, record } of log) {
    const written = writtenById.get(idOf(record));
    expect(written, `delivered a record never written: ${idOf(record)}`).toBeDefined();
    expect(shardId).toBe(written!.shardId);
    expect(record).toEqual(written!.record);
  }
  // Per key: the handled records are in write order (write order = increasing position in `written`).
  const position = new Map(w.written.map((entry, i) => [idOf(entry.record), i]));
  const lastByKey = new Map<string, number>();
  for (const { record } of log) {
    const at = position.get(idOf(record))!;
    const key = keyOf(record);
    expect(at, `records of ${key} out of write order`).toBeGreaterThan(lastByKey.get(key) ?? -1);
    lastByKey.set(key, at);
  }
  // Parents strictly before children (both parents of a merge).
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  log.forEach(({ shardId }, i) => {
    if (!first.has(shardId)) first.set(shardId, i);
    last.set(shardId, i);
  });
  for (const [shardId, firstIndex] of first) {
    for (const parent of w.stream.shardInfo(shardId)?.parentShardIds ?? []) {
      expect(
        last.get(parent) ?? -1,
        `a record of ${shardId} was handled before the last of its parent ${parent}`,
      ).toBeLessThan(firstIndex);
    }
  }
}

/** The written records the log does not hold, oldest first. */
export function missing(w: World, log: readonly Handled[]): Written[] {
  const handled = new Set(log.map(({ record }) => idOf(record)));
  return w.written.filter((entry) => !handled.has(idOf(entry.record)));
}

/** A record as one line, for failure messages: `p1#0 MODIFY at +3.25 h in shardId-…`. */
export function describeWritten(entry: Written): string {
  return `${keyOf(entry.record)} ${entry.record.eventName} at +${((entry.at - T0) / HOUR).toFixed(2)} h in ${entry.shardId}`;
}
