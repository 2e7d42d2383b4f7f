import type { AttributeMap } from '../model/attribute-value.js';
import type { KeySchemaElement } from '../model/key-schema.js';

/**
 * The DynamoDB Streams API's shapes, as the AWS SDK v3 (`@aws-sdk/client-dynamodb-streams`) returns them:
 * timestamps are `Date`s, binary values `Uint8Array`s. Names follow `@types/aws-lambda` where the SDK's are
 * awkward (`_Record` there is `DynamoDBRecord` here).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB_Streams.html
 */
export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
export type StreamStatus = 'ENABLING' | 'ENABLED' | 'DISABLING' | 'DISABLED';
export type ShardIteratorType = 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER';
export type OperationType = 'INSERT' | 'MODIFY' | 'REMOVE';

export const STREAM_VIEW_TYPES: readonly StreamViewType[] = [
  'KEYS_ONLY',
  'NEW_IMAGE',
  'OLD_IMAGE',
  'NEW_AND_OLD_IMAGES',
];

/** The `dynamodb` part of a record. */
export interface StreamRecord {
  /** When the change happened, rounded down to the second. */
  ApproximateCreationDateTime: Date;
  Keys: AttributeMap;
  NewImage?: AttributeMap;
  OldImage?: AttributeMap;
  SequenceNumber: string;
  SizeBytes: number;
  StreamViewType: StreamViewType;
}

/** Only on changes DynamoDB made itself (TTL deletes). */
export interface Identity {
  PrincipalId: string;
  Type: string;
}

/** One stream record, as GetRecords returns it. */
export interface DynamoDBRecord {
  eventID: string;
  eventName: OperationType;
  eventVersion: string;
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: StreamRecord;
  userIdentity?: Identity;
}

export interface SequenceNumberRange {
  StartingSequenceNumber: string;
  /** Present once the shard is closed. */
  EndingSequenceNumber?: string;
}

export interface Shard {
  ShardId: string;
  SequenceNumberRange: SequenceNumberRange;
  /** The parent (for a merge, the first of the two: AWS's shape has one; see `ShardInfo` for both). */
  ParentShardId?: string;
}

export interface StreamDescription {
  StreamArn: string;
  StreamLabel: string;
  StreamStatus: StreamStatus;
  StreamViewType: StreamViewType;
  CreationRequestDateTime: Date;
  TableName: string;
  KeySchema: KeySchemaElement[];
  Shards: Shard[];
  LastEvaluatedShardId?: string;
}

export interface ShardFilter {
  Type: 'CHILD_SHARDS';
  ShardId: string;
}

export interface DescribeStreamInput {
  Limit?: number;
  ExclusiveStartShardId?: string;
  ShardFilter?: ShardFilter;
}

export interface DescribeStreamOutput {
  StreamDescription: StreamDescription;
}

export interface GetShardIteratorInput {
  ShardId: string;
  ShardIteratorType: ShardIteratorType;
  SequenceNumber?: string;
}

export interface GetShardIteratorOutput {
  ShardIterator: string;
}

export interface GetRecordsInput {
  ShardIterator: string;
  Limit?: number;
}

export interface GetRecordsOutput {
  Records: DynamoDBRecord[];
  /** Absent once a closed shard has no more records for this iterator. */
  NextShardIterator?: string;
}

export interface StreamSummary {
  StreamArn: string;
  TableName: string;
  StreamLabel: string;
}

export interface ListStreamsInput {
  TableName?: string;
  Limit?: number;
  ExclusiveStartStreamArn?: string;
}

export interface ListStreamsOutput {
  Streams: StreamSummary[];
  LastEvaluatedStreamArn?: string;
}

/** shardline's own view of a shard: both parents of a merge, the hash range, and what it holds. */
export interface ShardInfo {
  shardId: string;
  /** One parent after a split or rollover, two after a merge, none for the stream's first shards. */
  parentShardIds: string[];
  /** Inclusive range of 64-bit xxhash values of the partition key. */
  hashKeyRange: { start: bigint; end: bigint };
  status: 'OPEN' | 'CLOSED';
  startingSequenceNumber: string;
  endingSequenceNumber?: string;
  createdAt: number;
  closedAt?: number;
  /** Why the shard was opened. */
  origin: ShardOrigin;
  /** Records still retained (not yet trimmed). */
  retainedRecords: number;
}

export type ShardOrigin = 'stream-created' | 'split' | 'merge' | 'rollover';
export type ShardCloseReason = 'split' | 'merge' | 'rollover' | 'stream-disabled';
