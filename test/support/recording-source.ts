/**
 * Stream sources for reader tests: one that records every call the reader makes, and one as blind as a source
 * over the wire.
 */
import {
  type DescribeStreamInput,
  type GetShardIteratorInput,
  type Stream,
  type StreamSource,
} from '../../src/index.js';
import { embeddedSource } from '../../src/reader/index.js';

/**
 * The embedded source without what only shardline can tell (loss and record counts, expired children):
 * synchronous, but as blind as a source over the wire.
 */
export function uncountedSource(stream: Stream): StreamSource {
  const {
    countTrimmedAfter: _trimmed,
    countRecords: _records,
    shardChildren: _children,
    ...rest
  } = embeddedSource(stream);
  return rest;
}

/** One call the reader made, with the shard it concerned (GetRecords' shard is tracked through its iterators). */
export type SourceCall =
  | { op: 'describeStream'; input: DescribeStreamInput }
  | { op: 'getShardIterator'; input: GetShardIteratorInput }
  | { op: 'getRecords'; shardId: string; records: number; error?: string };

export interface RecordingSource {
  source: StreamSource;
  calls: SourceCall[];
  /** The calls of one kind made since `calls` was last cleared. */
  of<K extends SourceCall['op']>(op: K): Extract<SourceCall, { op: K }>[];
}

/**
 * The embedded source, logging every call. `omitOnRecords` leaves out the append notification, so a waiting
 * reader can only be woken by the clock (as over the network).
 */
export function recordingSource(stream: Stream, options: { omitOnRecords?: boolean } = {}): RecordingSource {
  const inner = embeddedSource(stream);
  const calls: SourceCall[] = [];
  const shardOfIterator = new Map<string, string>();
  const source: StreamSource = {
    ...inner,
    describeStream: (input) => {
      calls.push({ op: 'describeStream', input: { ...input } });
      return inner.describeStream(input);
    },
    getShardIterator: (input) => {
      calls.push({ op: 'getShardIterator', input: { ...input } });
      const output = inner.getShardIterator(input) as { ShardIterator: string };
      shardOfIterator.set(output.ShardIterator, input.ShardId);
      return output;
    },
    getRecords: (input) => {
      const shardId = shardOfIterator.get(input.ShardIterator) ?? '?';
      try {
        const output = stream.getRecords(input);
        calls.push({ op: 'getRecords', shardId, records: output.Records.length });
        if (output.NextShardIterator !== undefined) shardOfIterator.set(output.NextShardIterator, shardId);
        return output;
      } catch (error) {
        calls.push({ op: 'getRecords', shardId, records: 0, error: (error as Error).name });
        throw error;
      }
    },
  };
  if (options.omitOnRecords === true) delete (source as { onRecords?: unknown }).onRecords;
  return {
    source,
    calls,
    of: <K extends SourceCall['op']>(op: K) =>
      calls.filter((call): call is Extract<SourceCall, { op: K }> => call.op === op),
  };
}
