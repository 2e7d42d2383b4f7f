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
} from '../wire/index.js';
