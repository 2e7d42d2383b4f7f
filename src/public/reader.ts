// shardline/reader: what the StreamReader needs beyond the process: a real stream through the AWS SDK, and
// checkpoints in a file. StreamReader itself is in the package root. This file only re-exports.
export {
  sdkStreamSource,
  JsonFileCheckpointStore,
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
  type BackoffPolicy,
} from '../reader/index.js';
