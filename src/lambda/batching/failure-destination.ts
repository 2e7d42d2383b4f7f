import { isoSeconds } from './tumbling-window.js';

/**
 * What Lambda sends to a stream mapping's on-failure destination (SQS, SNS) when it discards a batch: the
 * batch's coordinates, never the records themselves. Shape from AWS's example
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#services-dynamodb-errors) and from a recorded
 * AWS message (LocalStack's snapshot: `approximateInvokeCount` 2 after `MaximumRetryAttempts` 1).
 */
export interface FailureRecord {
  requestContext: {
    requestId: string;
    functionArn: string;
    /** `RetryAttemptsExhausted`, or `RecordAgeExceeded` when the records outlived `MaximumRecordAgeInSeconds`. */
    condition: FailureCondition;
    approximateInvokeCount: number;
  };
  responseContext: {
    statusCode: number;
    executedVersion: string;
    /** `Unhandled` when the last invocation threw or timed out; absent when it answered with failures. */
    functionError?: string;
  };
  version: '1.0';
  /** When the batch was discarded, ISO 8601 with milliseconds. */
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    /** ISO 8601 to the second (the records' ApproximateCreationDateTime). */
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

export type FailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/** An on-failure destination: an object with `send`, or a plain callback. */
export type FailureDestination = { send(record: FailureRecord): void } | ((record: FailureRecord) => void);

/** Keeps every failure record it is sent, in order: the stand-in for an SQS queue in tests. */
export class InMemoryFailureDestination {
  readonly #records: FailureRecord[] = [];

  send(record: FailureRecord): void {
    this.#records.push(record);
  }

  /** Every failure record received, oldest first (a copy of the list). */
  get records(): FailureRecord[] {
    return [...this.#records];
  }

  get size(): number {
    return this.#records.length;
  }

  clear(): void {
    this.#records.length = 0;
  }
}

export function deliverFailure(destination: FailureDestination, record: FailureRecord): void {
  if (typeof destination === 'function') destination(record);
  else destination.send(record);
}

/** The failure record for `count` records discarded from the front of a shard's lane. */
export function failureRecord(input: {
  requestId: string;
  functionArn: string;
  condition: FailureCondition;
  approximateInvokeCount: number;
  /** The last invocation of the batch threw or timed out (`functionError: 'Unhandled'`). */
  functionError: boolean;
  at: number;
  shardId: string;
  streamArn: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  firstCreatedMs: number;
  lastCreatedMs: number;
  batchSize: number;
}): FailureRecord {
  return {
    requestContext: {
      requestId: input.requestId,
      functionArn: input.functionArn,
      condition: input.condition,
      approximateInvokeCount: input.approximateInvokeCount,
    },
    responseContext: input.functionError
      ? { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' }
      : { statusCode: 200, executedVersion: '$LATEST' },
    version: '1.0',
    timestamp: new Date(input.at).toISOString(),
    DDBStreamBatchInfo: {
      shardId: input.shardId,
      startSequenceNumber: input.startSequenceNumber,
      endSequenceNumber: input.endSequenceNumber,
      approximateArrivalOfFirstRecord: isoSeconds(input.firstCreatedMs),
      approximateArrivalOfLastRecord: isoSeconds(input.lastCreatedMs),
      batchSize: input.batchSize,
      streamArn: input.streamArn,
    },
  };
}
