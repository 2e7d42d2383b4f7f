export * from './types.js';
export { Stream, type StreamEnvironment, type StreamInit } from './stream.js';
export { EventHub, type Unsubscribe, type ListenerErrorEvent } from '../events/event-hub.js';
export { STREAM_EVENT_NAMES, type StreamEvents, type StreamEventName } from './stream-events.js';
export {
  resolveStreamOptions,
  type StreamOptions,
  type ShardOptions,
  type ResolvedStreamOptions,
} from './stream-options.js';
export { HASH_MIN, HASH_MAX, equalRanges, midpoint, type HashRange } from './hash-range.js';
export { formatSequenceNumber, parseSequenceNumber, SequenceCounter } from './sequence-number.js';
export { IteratorCodec, type IteratorPosition } from './iterator-token.js';
export { loadHasher, type Hasher } from './hasher.js';
export { streamArnFor, streamLabelAt, tableArnFor } from './stream-arn.js';
