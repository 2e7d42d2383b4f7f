export { StreamReader } from './stream-reader.js';
export { RecordsTrimmedError } from './records-trimmed-error.js';
export {
  checkpointAfter,
  type StreamReaderOptions,
  type ReaderBatch,
  type ShardMetrics,
  type StreamReaderEvents,
} from './reader-types.js';
export { embeddedSource, type StreamSource } from './stream-source.js';
export {
  InMemoryCheckpointStore,
  SHARD_END,
  EVERY_SHARD,
  type Checkpoint,
  type CheckpointStore,
} from './checkpoint.js';
export { JsonFileCheckpointStore } from './json-file-checkpoint-store.js';
export type { ShardEnd, StartPosition } from './shard-cursor.js';
export {
  sdkStreamSource,
  type SdkStreamSourceOptions,
  type DynamoDBStreamsMethods,
  type DynamoDBStreamsSender,
  type DynamoDBStreamsCommands,
  type SdkDescribeStreamInput,
  type SdkGetShardIteratorInput,
  type SdkDescribeStreamOutput,
  type SdkShard,
  type SdkGetShardIteratorOutput,
  type SdkGetRecordsOutput,
} from './sdk-stream-source.js';
export type { BackoffPolicy } from './throttle-backoff.js';
