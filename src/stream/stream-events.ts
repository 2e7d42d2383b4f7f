import type { ListenerErrorEvent } from '../events/event-hub.js';
import type { DynamoDBRecord, ShardCloseReason, ShardInfo, StreamStatus } from './types.js';

/** Events a Stream (and, for all its streams, a Database) emits. Payloads are copies: changing them changes nothing. */
export interface StreamEvents {
  /** A record was appended; emitted synchronously, before the write call returns. */
  record: { streamArn: string; tableName: string; shardId: string; record: DynamoDBRecord };
  shardOpened: { streamArn: string; shard: ShardInfo };
  shardClosed: { streamArn: string; shard: ShardInfo; reason: ShardCloseReason };
  /** A closed shard's records are all past retention: it is gone from DescribeStream. */
  shardExpired: { streamArn: string; shardId: string };
  streamStatus: { streamArn: string; tableName: string; status: StreamStatus };
  /** A DISABLED stream's retention ended: it is gone from ListStreams and DescribeStream. */
  streamExpired: { streamArn: string; tableName: string };
  /** A listener threw. The log is unaffected and the other listeners still ran. */
  listenerError: ListenerErrorEvent;
}

export type StreamEventName = keyof StreamEvents;

/** The names `on()` accepts, in the order its refusal lists them. */
export const STREAM_EVENT_NAMES: readonly StreamEventName[] = [
  'record',
  'shardOpened',
  'shardClosed',
  'shardExpired',
  'streamStatus',
  'streamExpired',
  'listenerError',
];
