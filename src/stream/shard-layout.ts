import type { Clock } from '../clock/clock.js';
import type { SeededRandom } from '../model/seeded-random.js';
import { ResourceNotFoundException, ValidationException } from '../errors.js';
import type { EventHub } from '../events/event-hub.js';
import type { KeySchema } from '../model/key-schema.js';
import { DueSchedule } from './due-schedule.js';
import { equalRanges, midpoint, type HashRange } from './hash-range.js';
import type { Hasher } from './hasher.js';
import { RoutingTable } from './routing-table.js';
import type { SequenceCounter } from './sequence-number.js';
import { StreamShard } from './shard.js';
import { newShardId } from './shard-id.js';
import { ShardRegistry } from './shard-registry.js';
import type { StreamEvents } from './stream-events.js';
import type { ResolvedStreamOptions } from './stream-options.js';
import type { ShardCloseReason, ShardOrigin, StreamStatus } from './types.js';
import { needsReshard } from './write-policies.js';

/** What the layout borrows from its stream's Database. */
export interface LayoutEnvironment {
  readonly clock: Clock;
  readonly random: SeededRandom;
  readonly hasher: Hasher;
  readonly counter: SequenceCounter;
}

type DueAction =
  | { kind: 'rollover'; shard: StreamShard }
  | { kind: 'expire-shard'; shard: StreamShard }
  | { kind: 'forget-trimmed'; shard: StreamShard }
  | { kind: 'expire-stream' };

/**
 * A stream's shards over time: the open shards that take writes, the splits, merges and rollovers that replace
 * them, and the expiries of closed shards and of the disabled stream, replayed in time order (`sweep`).
 */
export class ShardLayout {
  /** Every live and remembered expired shard. */
  readonly shards: ShardRegistry;
  /** The open shards by hash range: where a write goes. */
  readonly routing: RoutingTable;
  readonly #env: LayoutEnvironment;
  readonly #arn: string;
  readonly #options: ResolvedStreamOptions;
  readonly #events: EventHub<StreamEvents>;
  readonly #due: DueSchedule<DueAction>;
  readonly #onExpired: () => void;
  #status: StreamStatus = 'ENABLED';
  #expired = false;

  /** Opens the stream's first shards, over equal ranges, at `createdAt`; `onExpired` runs once its retention ends. */
  constructor(
    env: LayoutEnvironment,
    init: {
      arn: string;
      keySchema: KeySchema;
      options: ResolvedStreamOptions;
      events: EventHub<StreamEvents>;
      createdAt: number;
    },
    onExpired: () => void,
  ) {
    this.#env = env;
    this.#arn = init.arn;
    this.#options = init.options;
    this.#events = init.events;
    this.#onExpired = onExpired;
    this.#due = new DueSchedule(env.clock, (action, at) => this.#runDue(action, at));
    this.shards = new ShardRegistry(init.createdAt, init.options.retentionMs);
    this.routing = new RoutingTable(init.keySchema, env.hasher);
    // equalRanges are in hash order.
    this.routing.reset(
      equalRanges(init.options.initialShards).map((range) =>
        this.#openShard(range, [], 'stream-created', init.createdAt),
      ),
    );
    this.#due.arm();
  }

  /** ENABLED, or DISABLED once the stream was turned off (as of the last sweep). */
  get status(): StreamStatus {
    return this.#status;
  }

  /** True once a disabled stream's retention has passed (as of the last sweep). */
  get expired(): boolean {
    return this.#expired;
  }

  /** Time-driven changes waiting (for tests of boundedness). */
  get dueActions(): number {
    return this.#due.size;
  }

  /** Replays every due rollover and expiry up to `now`, in time order. Cheap when nothing is due. */
  sweep(now: number): void {
    this.#due.sweep(now);
  }

  /** An open shard of an enabled stream, which split, merge and rollover take; else the error saying why not. */
  openShardById(shardId: string): StreamShard {
    if (this.#status !== 'ENABLED')
      throw new ValidationException(`Stream ${this.#arn} is ${this.#status}: its shards are closed`);
    const shard = this.shards.live.get(shardId);
    if (shard === undefined) throw new ResourceNotFoundException('Shard does not exist');
    if (!shard.isOpen)
      throw new ValidationException(`Shard ${shardId} is closed: only open shards can be split, merged or rolled over`);
    return shard;
  }

  /** Closes `shard`; two children cover [start, at-1] and [at, end]. */
  split(shard: StreamShard, at: bigint, now: number): [StreamShard, StreamShard] {
    this.#closeShard(shard, now, 'split');
    const low = this.#openShard({ start: shard.range.start, end: at - 1n }, [shard.id], 'split', now);
    const high = this.#openShard({ start: at, end: shard.range.end }, [shard.id], 'split', now);
    this.routing.replace(shard, 1, [low, high]);
    this.#due.arm();
    return [low, high];
  }

  /** Closes two adjacent open shards (`low` first in hash order) and opens one child over both ranges. */
  merge(low: StreamShard, high: StreamShard, now: number): StreamShard {
    this.#closeShard(low, now, 'merge');
    this.#closeShard(high, now, 'merge');
    const child = this.#openShard({ start: low.range.start, end: high.range.end }, [low.id, high.id], 'merge', now);
    this.routing.replace(low, 2, [child]);
    this.#due.arm();
    return child;
  }

  /** Closes an open shard and opens one child over the same range. */
  rollover(shard: StreamShard, now: number): StreamShard {
    const child = this.#rollover(shard, now);
    this.#due.arm();
    return child;
  }

  /** After a write to `shard`: replaces it if a write policy says it is full (split, or rolled over if one hash wide). */
  applyWritePolicies(shard: StreamShard, now: number): void {
    if (!needsReshard(shard, this.#options, now)) return;
    if (shard.range.end > shard.range.start) this.split(shard, midpoint(shard.range), now);
    else this.rollover(shard, now);
  }

  /** Closes every open shard; the stream expires once its retention has passed. False if it was disabled already. */
  disable(now: number): boolean {
    if (this.#status === 'DISABLED') return false;
    for (const shard of this.routing.shards) this.#closeShard(shard, now, 'stream-disabled');
    this.routing.reset([]);
    this.#status = 'DISABLED';
    this.#due.push(now + this.#options.retentionMs + 1, { kind: 'expire-stream' });
    this.#due.arm();
    return true;
  }

  /** Stops the clock timer. */
  dispose(): void {
    this.#due.dispose();
  }

  #openShard(range: HashRange, parents: string[], origin: ShardOrigin, at: number): StreamShard {
    const id = newShardId(at, this.#env.random, (candidate) => this.shards.has(candidate));
    // StartingSequenceNumber is the next number to be issued: as DynamoDB Local, it equals the shard's first
    // record's number unless another shard writes first.
    const shard = new StreamShard({
      id,
      order: this.shards.nextOrder(),
      parentIds: parents,
      range,
      createdAt: at,
      origin,
      startSeq: this.#env.counter.peek(),
    });
    this.shards.add(shard);
    if (this.#options.rolloverAfterMs !== undefined)
      this.#due.push(at + this.#options.rolloverAfterMs, { kind: 'rollover', shard });
    if (this.#events.wants('shardOpened'))
      this.#events.emit('shardOpened', { streamArn: this.#arn, shard: shard.info() });
    return shard;
  }

  #closeShard(shard: StreamShard, at: number, reason: ShardCloseReason): void {
    // A shard that closes empty takes a number of its own as its EndingSequenceNumber, so the number names
    // no record of another shard (sequence numbers are not dense; AWS says so).
    shard.close(at, shard.lastSeq === undefined ? this.#env.counter.take() : undefined);
    // A closed shard disappears once its newest record is past retention (or, if it never had one, once
    // its creation is).
    const expiresAt = Math.max(at, (shard.lastRecordAt ?? shard.createdAt) + this.#options.retentionMs + 1);
    shard.closeReason = reason;
    shard.expiresAt = expiresAt;
    this.#due.push(expiresAt, { kind: 'expire-shard', shard });
    if (this.#events.wants('shardClosed'))
      this.#events.emit('shardClosed', { streamArn: this.#arn, shard: shard.info(), reason });
  }

  #rollover(shard: StreamShard, at: number): StreamShard {
    this.#closeShard(shard, at, 'rollover');
    const child = this.#openShard(shard.range, [shard.id], 'rollover', at);
    this.routing.replace(shard, 1, [child]);
    return child;
  }

  /** One due action at its due time; false once the stream expired (the schedule is cleared). */
  #runDue(action: DueAction, at: number): boolean {
    switch (action.kind) {
      case 'rollover':
        // Stale when the shard closed early (split, merge, disable) or the stream was disabled.
        if (action.shard.isOpen && this.#status === 'ENABLED') this.#rollover(action.shard, at);
        return true;
      case 'expire-shard':
        this.shards.expire(action.shard, at);
        // Its records are all past retention now; a retention later, past twice the retention.
        this.#due.push(at + this.#options.retentionMs, { kind: 'forget-trimmed', shard: action.shard });
        if (this.#events.wants('shardExpired'))
          this.#events.emit('shardExpired', { streamArn: this.#arn, shardId: action.shard.id });
        return true;
      case 'forget-trimmed':
        if (this.shards.expired.get(action.shard.id) === action.shard)
          action.shard.forgetTrimmedBefore(at - 2 * this.#options.retentionMs);
        return true;
      case 'expire-stream':
        this.#expired = true;
        this.#due.clear();
        this.#due.dispose();
        this.#onExpired();
        return false;
    }
  }
}
