import { ValidationException } from '../errors.js';
import { checkLength } from '../validation/member-rules.js';
import { constraintViolation } from '../validation/validation-error.js';
import { parseSequenceNumber } from './sequence-number.js';
import type { DescribeStreamInput, GetShardIteratorInput, ShardIteratorType } from './types.js';

// AWS: at most 1000 records per GetRecords call; DescribeStream returns at most 100 shards a page.
export const MAX_GET_RECORDS_LIMIT = 1000;
const MAX_DESCRIBE_LIMIT = 100;

/**
 * The iterator type and sequence number of a GetShardIterator request, checked: before the stream is looked up
 * (DynamoDB Local 2.9.30 answers a bad type for a stream that does not exist with "Invalid ShardIteratorType.").
 */
export function checkIteratorRequest(input: GetShardIteratorInput | undefined): { type: ShardIteratorType; parsed: number } {
  const type = input?.ShardIteratorType;
  const sequenceNumber = input?.SequenceNumber;
  if (type !== 'TRIM_HORIZON' && type !== 'LATEST' && type !== 'AT_SEQUENCE_NUMBER' && type !== 'AFTER_SEQUENCE_NUMBER') {
    throw new ValidationException('Invalid ShardIteratorType.');
  }
  const needsSequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
  if (needsSequence && (sequenceNumber === undefined || sequenceNumber === null)) {
    throw new ValidationException('One or more parameter values were invalid: Invalid SequenceNumber');
  }
  if (!needsSequence && sequenceNumber !== undefined && sequenceNumber !== null) {
    throw new ValidationException('One or more parameter values were invalid: SequenceNumber should not be passed for this iterator type');
  }
  return { type, parsed: needsSequence ? parseSequenceNumber(sequenceNumber) : 0 };
}

/** DescribeStream's Limit and ExclusiveStartShardId, checked: before the stream is looked up (DynamoDB Local 2.9.30). */
export function checkDescribeRequest(input: DescribeStreamInput | undefined): number {
  const limit = checkLimit(input?.Limit, MAX_DESCRIBE_LIMIT, 'One or more parameter values were invalid: Limit cannot be greater than the maximum: 100');
  if (input?.ExclusiveStartShardId !== undefined) checkLength(input.ExclusiveStartShardId, 'exclusiveStartShardId', 28, 65);
  return limit;
}

/** Limit checks with DynamoDB Local's messages: below 1 is the model's constraint, above the maximum its own text. */
export function checkLimit(limit: unknown, max: number, tooLarge: string): number {
  if (limit === undefined || limit === null) return max;
  if (typeof limit !== 'number' || !Number.isInteger(limit)) throw constraintViolation(limit, 'limit', 'be an integer');
  if (limit < 1) throw constraintViolation(limit, 'limit', 'have value greater than or equal to 1');
  if (limit > max) throw new ValidationException(tooLarge);
  return limit;
}
