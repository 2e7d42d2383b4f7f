import { CONTROL_TARGET_PREFIX } from './control-operation.js';
import type { ClockReading } from './clock-reading.js';
import { errorFromWire } from './error-from-wire.js';
import type { ShardInfoJson } from './shard-info-json.js';

/** The stream a call is about: a table's enabled stream, or a stream by ARN. */
export type ControlStreamRef =
  { TableName: string; StreamArn?: undefined } | { StreamArn: string; TableName?: undefined };

/** What `fetch` a client uses; the global one by default (Node 18 and later have it). */
export type ControlFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{ status: number; text(): Promise<string> }>;

export interface ShardlineControlOptions {
  /** Another transport (a test's, or one through a proxy). Default: the global `fetch`. */
  fetch?: ControlFetch;
}

/** A typed client of a served database's control interface (docs/time-travel.md). */
export interface ShardlineControl {
  readonly endpoint: string;
  /** The server's clock (any clock). */
  now(): Promise<ClockReading>;
  /** Moves the manual clock forward: `'25h'`, `'90m'`, `'1d2h30m'`, `'1500ms'`, or milliseconds. */
  advance(by: string | number): Promise<ClockReading>;
  /** Moves the manual clock to a time (ISO-8601 with a zone, epoch milliseconds or a Date); never backwards. */
  set(time: string | number | Date): Promise<ClockReading>;
  /** Splits an open shard at `At` (a 64-bit hash; default the middle of its range); returns the two children. */
  splitShard(
    input: ControlStreamRef & { ShardId: string; At?: bigint | string },
  ): Promise<[ShardInfoJson, ShardInfoJson]>;
  /** Merges two adjacent open shards; returns the child. */
  mergeShards(input: ControlStreamRef & { ShardId: string; AdjacentShardId: string }): Promise<ShardInfoJson>;
  /** Closes an open shard and opens one child over its range; returns the child. */
  rolloverShard(input: ControlStreamRef & { ShardId: string }): Promise<ShardInfoJson>;
  /** Applies retention to every shard of the stream now; returns how many records it dropped. */
  trim(input: ControlStreamRef): Promise<number>;
  /** Any control operation by name (`'GetClock'`), with its JSON input; resolves with its JSON answer. */
  call(operation: string, input?: Record<string, unknown>): Promise<unknown>;
}

/**
 * A client of the control interface of `shardline serve --clock manual` at `endpoint` (`http://127.0.0.1:8000`).
 * Errors are shardline's own classes (`ValidationException`, ...), with the server's message.
 *
 * ```ts
 * const control = shardlineControl(endpoint);
 * await control.advance('25h');
 * ```
 */
export function shardlineControl(endpoint: string, options: ShardlineControlOptions = {}): ShardlineControl {
  const send: ControlFetch = options.fetch ?? (globalThis.fetch as unknown as ControlFetch);
  const call = async (operation: string, input: Record<string, unknown> = {}): Promise<unknown> => {
    let response;
    try {
      response = await send(endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.0',
          'X-Amz-Target': `${CONTROL_TARGET_PREFIX}.${operation}`,
        },
        body: JSON.stringify(input),
      });
    } catch (error) {
      // fetch's own "fetch failed" hides the reason (ECONNREFUSED) in its cause.
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      throw new Error(
        `cannot reach shardline at ${endpoint}: ${cause instanceof Error ? cause.message : String(cause)}`,
        { cause: error },
      );
    }
    const text = await response.text();
    if (response.status !== 200) throw errorFromWire(response.status, text);
    return JSON.parse(text) as unknown;
  };
  return {
    endpoint,
    now: () => call('GetClock') as Promise<ClockReading>,
    advance: (by) => call('AdvanceClock', { By: by }) as Promise<ClockReading>,
    set: (time) =>
      call(
        'SetClock',
        typeof time === 'string' ? { Time: time } : { EpochMillis: time instanceof Date ? time.getTime() : time },
      ) as Promise<ClockReading>,
    splitShard: async ({ At: at, ...rest }) => {
      const input = at === undefined ? rest : { ...rest, At: String(at) };
      return ((await call('SplitShard', input)) as { Shards: [ShardInfoJson, ShardInfoJson] }).Shards;
    },
    mergeShards: async (input) => ((await call('MergeShards', input)) as { Shard: ShardInfoJson }).Shard,
    rolloverShard: async (input) => ((await call('RolloverShard', input)) as { Shard: ShardInfoJson }).Shard,
    trim: async (input) => ((await call('TrimStream', input)) as { TrimmedRecords: number }).TrimmedRecords,
    call,
  };
}
