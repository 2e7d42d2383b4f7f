export { EventSourceMapping, attachLambda, type HandlerFor } from './event-source-mapping.js';
export { POLL_INTERVAL_MS } from './polling/poll-schedule.js';
export type {
  InvocationContext,
  StreamHandler,
  TimeWindowHandler,
  TimeWindowResponse,
} from './invocation/invocation.js';
export type { MappingState } from './mapping/mapping-context.js';
export {
  resolveMappingOptions,
  MAX_PAYLOAD_BYTES,
  type EventSourceMappingOptions,
  type ResolvedMappingOptions,
} from './mapping/mapping-options.js';
export {
  InMemoryFailureDestination,
  type FailureRecord,
  type FailureCondition,
  type FailureDestination,
} from './batching/failure-destination.js';
export {
  toLambdaRecord,
  type DynamoDBTimeWindowEvent,
  type DynamoDBStreamEvent,
  type LambdaRecord,
} from './invocation/lambda-event.js';
export type {
  InvocationEvent,
  InvocationOutcome,
  DiscardEvent,
  MappingEvents,
  MappingMetrics,
  ShardMappingMetrics,
} from './mapping/mapping-metrics.js';
export {
  LambdaError,
  InvalidParameterValueException,
  ResourceConflictException,
  LambdaResourceNotFoundException,
  LambdaValidationException,
} from './lambda-errors.js';
