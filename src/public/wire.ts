// shardline/wire: the AWS JSON protocol, for the AWS SDK v3 in process and for HTTP. This file only re-exports.
export {
  createAwsHandler,
  inProcessClientConfig,
  inProcessPlugin,
  listen,
  createHttpListener,
  type AwsHandler,
  type InProcessClientConfig,
  type HttpListener,
  type HttpServer,
  type ListenOptions,
  type HttpLimitOptions,
  // The control interface of `shardline serve --clock manual` (docs/time-travel.md).
  shardlineControl,
  CONTROL_TARGET_PREFIX,
  type ShardlineControl,
  type ShardlineControlOptions,
  type ControlStreamRef,
  type ControlFetch,
  type ClockReading,
  type ShardInfoJson,
} from '../wire/index.js';
