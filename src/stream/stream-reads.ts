import {
  ExpiredIteratorException,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  ValidationException,
} from '../errors.js';
import type { IteratorCodec, IteratorPosition } from './iterator-token.js';
import { toRecord, type RecordContext } from './record-view.js';
import type { SequenceCounter } from './sequence-number.js';
import type { StreamShard } from './shard.js';
import type { ShardRegistry } from './shard-registry.js';
import type { ResolvedStreamOptions } from './stream-options.js';
import type { DynamoDBRecord, GetRecordsOutput, GetShardIteratorOutput, ShardIteratorType } from './types.js';

// AWS: at most 1 MB per GetRecords call.
const MAX_GET_RECORDS_BYTES = 1024 * 1024;

/** What the reads need from their stream. */
export interface ReadSource {
  readonly arn: string;
  readonly shards: ShardRegistry;
  readonly counter: SequenceCounter;
  readonly iterators: IteratorCodec;
  readonly context: RecordContext;
  readonly options: ResolvedStreamOptions;
}

/**
 * A stream's GetShardIterator and GetRecords, once the request is checked and the stream known to exist: an
 * iterator names a shard and the next sequence counter to read, and each page of records hands out a new one.
 */
export class StreamReads {
  readonly #source: ReadSource;

  constructor(source: ReadSource) {
    this.#source = source;
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html */
  issueIterator(shardId: string, type: ShardIteratorType, sequence: number, now: number): GetShardIteratorOutput {
    const source = this.#source;
    const shard = this.#liveShard(shardId, 'Shard does not exist');
    shard.trimToRetention(now, source.options.retentionMs);
    let position: number;
    switch (type) {
      case 'TRIM_HORIZON':
        position = Math.max(shard.startSeq, shard.trimmedThrough + 1);
        break;
      case 'LATEST':
        // Just after the most recent record: the next record this shard can get, or past the end if closed.
        position = shard.isOpen ? source.counter.peek() : (shard.endSeq as number) + 1;
        break;
      case 'AT_SEQUENCE_NUMBER':
      case 'AFTER_SEQUENCE_NUMBER': {
        // DynamoDB Local: a number below the shard's first one is "Invalid SequenceNumber for the shard";
        // one past the end is accepted and reads as empty.
        if (sequence < shard.startSeq) throw new ValidationException('Invalid SequenceNumber for the shard');
        position = type === 'AT_SEQUENCE_NUMBER' ? sequence : Math.min(sequence + 1, Number.MAX_SAFE_INTEGER);
        if (position <= shard.trimmedThrough) throw new TrimmedDataAccessException();
        break;
      }
    }
    return {
      ShardIterator: source.iterators.encode({ streamArn: source.arn, shardId: shard.id, position, issuedAt: now }),
    };
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html */
  readRecords(iterator: IteratorPosition, limit: number, now: number): GetRecordsOutput {
    const source = this.#source;
    // AWS: "A shard iterator expires 15 minutes after it is returned to the requester."
    if (now - iterator.issuedAt > source.options.iteratorLifetimeMs) throw new ExpiredIteratorException();
    const shard = this.#liveShard(iterator.shardId, 'Invalid ShardId in ShardIterator');
    shard.trimToRetention(now, source.options.retentionMs);
    const position = iterator.position;
    // The record the iterator points at was trimmed after the iterator was issued.
    if (position <= shard.trimmedThrough) throw new TrimmedDataAccessException();
    const records: DynamoDBRecord[] = [];
    const context = source.context;
    const log = shard.log;
    const end = log.end;
    let index = log.indexOf(position);
    let bytes = 0;
    let next = position;
    while (index < end && records.length < limit) {
      const size = log.sizeAt(index);
      if (records.length > 0 && bytes + size > MAX_GET_RECORDS_BYTES) break;
      bytes += size;
      records.push(toRecord(context, log, index));
      next = log.seqAt(index) + 1;
      index++;
    }
    const output: GetRecordsOutput = { Records: records };
    // AWS: NextShardIterator is null once "the shard has been closed and the requested iterator will not
    // return any more data"; DynamoDB Local leaves it out in the same call that returns the last records.
    const exhausted = !shard.isOpen && index >= end;
    if (!exhausted) {
      output.NextShardIterator = source.iterators.encode({
        streamArn: source.arn,
        shardId: iterator.shardId,
        position: next,
        issuedAt: now,
      });
    }
    return output;
  }

  /** A live shard; an expired (or forgotten) one is TrimmedDataAccessException, an unknown one `notFound`. */
  #liveShard(shardId: string, notFound: string): StreamShard {
    const shards = this.#source.shards;
    const shard = shards.live.get(shardId);
    if (shard === undefined) {
      if (shards.isExpired(shardId)) throw new TrimmedDataAccessException();
      throw new ResourceNotFoundException(notFound);
    }
    return shard;
  }
}
