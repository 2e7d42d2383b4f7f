import type { StreamReader, StreamReaderEvents } from '../../src/index.js';

/** Records every `trimmed` event the reader emits from now on. */
export function trimmedEvents(reader: StreamReader): StreamReaderEvents['trimmed'][] {
  const trimmed: StreamReaderEvents['trimmed'][] = [];
  reader.on('trimmed', (event) => trimmed.push(event));
  return trimmed;
}

/** The reader's shardStarted / shardFinished events, as `+id` and `-id`. */
export function lifecycle(reader: StreamReader): string[] {
  const log: string[] = [];
  reader.on('shardStarted', ({ shardId }: StreamReaderEvents['shardStarted']) => log.push(`+${shardId}`));
  reader.on('shardFinished', ({ shardId }: StreamReaderEvents['shardFinished']) => log.push(`-${shardId}`));
  return log;
}
