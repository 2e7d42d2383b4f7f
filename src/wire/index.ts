export { createAwsHandler, type AwsHandler } from './aws-request-handler.js';
export { dispatch, type WireResponse } from './dispatch.js';
export {
  DYNAMODB_OPERATIONS,
  STREAMS_OPERATIONS,
  type DynamoDBOperationName,
  type StreamsOperationName,
} from './registry.js';
export type { WireOperation, ServiceName } from './operation.js';
export { validate, type MemberRule, type MemberType, type ValidationTable } from '../validation/member-rules.js';
export { inProcessClientConfig, type InProcessClientConfig } from './in-process-client-config.js';
export { inProcessPlugin } from './in-process-plugin.js';
export { listen } from './listen.js';
export { createHttpListener, type HttpListener } from './http-request-listener.js';
// Types only: listen() loads http-server.js (and node:http) on first use.
export type { HttpServer, ListenOptions } from './http-server.js';
export type { HttpLimitOptions } from './http-limits.js';
export { CONTROL_TARGET_PREFIX, type ControlOperation } from './control/control-operation.js';
export { CONTROL_OPERATIONS } from './control/control-registry.js';
export {
  shardlineControl,
  type ShardlineControl,
  type ShardlineControlOptions,
  type ControlStreamRef,
  type ControlFetch,
} from './control/control-client.js';
export type { ClockReading } from './control/clock-reading.js';
export type { ShardInfoJson } from './control/shard-info-json.js';
