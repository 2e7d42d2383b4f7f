import { TrimmedDataAccessException } from '../errors.js';

/**
 * TrimmedDataAccessException raised by a reader with `onTrimmed: 'throw'`, saying what was lost. Raised once per
 * loss: by then the loss is counted and the shard's position is past it (and saved, with a checkpoint store).
 */
export class RecordsTrimmedError extends TrimmedDataAccessException {
  readonly shardId: string;
  readonly lostRecords: number | undefined;
  constructor(shardId: string, lostRecords: number | undefined) {
    super(
      `The operation attempted to read past the oldest stream record in a shard. (shardline reader: shard ${shardId}, ${lostRecords ?? 'an unknown number of'} record(s) trimmed before they were read)`,
    );
    this.shardId = shardId;
    this.lostRecords = lostRecords;
  }
}
