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
