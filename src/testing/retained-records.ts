import type { Stream } from '../stream/stream.js';
import type { DynamoDBRecord } from '../stream/types.js';
import { bySequenceNumber } from './item-order.js';

/**
 * Every record a stream still holds (not trimmed), of every shard it still lists, by sequence number: what a
 * reader starting at TRIM_HORIZON on every shard would read. Through the Streams API, so a matcher sees what a
 * consumer would.
 */
export function retainedRecords(stream: Stream): DynamoDBRecord[] {
  const records: DynamoDBRecord[] = [];
  let start: string | undefined;
  do {
    const { StreamDescription: description } = stream.describeStream(
      start === undefined ? {} : { ExclusiveStartShardId: start },
    );
    for (const shard of description.Shards) {
      let iterator: string | undefined = stream.getShardIterator({
        ShardId: shard.ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }).ShardIterator;
      while (iterator !== undefined) {
        const { Records, NextShardIterator } = stream.getRecords({ ShardIterator: iterator, Limit: 1000 });
        records.push(...Records);
        // An open shard always hands back a next iterator: an empty page is its end for now.
        iterator = Records.length === 0 ? undefined : NextShardIterator;
      }
    }
    start = description.LastEvaluatedShardId;
  } while (start !== undefined);
  return records.sort(bySequenceNumber);
}
