export {
  EventSourceMapping,
  attachLambda,
  POLL_INTERVAL_MS,
  type InvocationContext,
  type StreamHandler,
  type TimeWindowHandler,
  type MappingState,
} from './event-source-mapping.js';
export { resolveMappingOptions, MAX_PAYLOAD_BYTES, type EventSourceMappingOptions, type ResolvedMappingOptions } from './mapping-options.js';
export { InMemoryFailureDestination, type FailureRecord, type FailureCondition, type FailureDestination } from './failure-destination.js';
export { toLambdaRecord, type DynamoDBTimeWindowEvent, type DynamoDBStreamEvent, type LambdaRecord } from './lambda-event.js';
export type { InvocationEvent, InvocationOutcome, DiscardEvent, MappingEvents, MappingMetrics, ShardMappingMetrics } from './mapping-metrics.js';
export { LambdaError, InvalidParameterValueException, ResourceConflictException, LambdaResourceNotFoundException, LambdaValidationException } from './lambda-errors.js';
