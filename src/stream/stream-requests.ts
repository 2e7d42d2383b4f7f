import { ValidationException } from '../errors.js';
import { checkLength, checkMember, type MemberRule } from '../validation/member-rules.js';
import { parseSequenceNumber } from './sequence-number.js';
import type { DescribeStreamInput, GetShardIteratorInput, ShardIteratorType } from './types.js';

/**
 * The Limits of the Streams API, as AWS's model states them (at most 1000 records a GetRecords call, 100 shards a
 * DescribeStream page, 100 streams a ListStreams page), with DynamoDB Local's own text above the maximum.
 */
export const GET_RECORDS_LIMIT: MemberRule = {
  member: 'Limit',
  type: 'Integer',
  min: 1,
  max: 1000,
  override: { max: 'One or more parameter values were invalid: Limit should be less than or equal to 1000' },
};

export const DESCRIBE_STREAM_LIMIT: MemberRule = {
  member: 'Limit',
  type: 'Integer',
  min: 1,
  max: 100,
  override: { max: 'One or more parameter values were invalid: Limit cannot be greater than the maximum: 100' },
};

export const LIST_STREAMS_LIMIT: MemberRule = {
  member: 'Limit',
  type: 'Integer',
  min: 1,
  max: 100,
  override: {
    max: 'One or more parameter values were invalid: Limit cannot be greater than the maximum allowed size: 100',
  },
};

/**
 * The iterator type and sequence number of a GetShardIterator request, checked: before the stream is looked up
 * (DynamoDB Local 2.9.30 answers a bad type for a stream that does not exist with "Invalid ShardIteratorType.").
 */
export function checkIteratorRequest(input: GetShardIteratorInput | undefined): {
  type: ShardIteratorType;
  parsed: number;
} {
  const type = input?.ShardIteratorType;
  const sequenceNumber = input?.SequenceNumber;
  if (
    type !== 'TRIM_HORIZON' &&
    type !== 'LATEST' &&
    type !== 'AT_SEQUENCE_NUMBER' &&
    type !== 'AFTER_SEQUENCE_NUMBER'
  ) {
    throw new ValidationException('Invalid ShardIteratorType.');
  }
  const needsSequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
  if (needsSequence && (sequenceNumber === undefined || sequenceNumber === null)) {
    throw new ValidationException('One or more parameter values were invalid: Invalid SequenceNumber');
  }
  if (!needsSequence && sequenceNumber !== undefined && sequenceNumber !== null) {
    throw new ValidationException(
      'One or more parameter values were invalid: SequenceNumber should not be passed for this iterator type',
    );
  }
  return { type, parsed: needsSequence ? parseSequenceNumber(sequenceNumber) : 0 };
}

/** DescribeStream's Limit and ExclusiveStartShardId, checked: before the stream is looked up (DynamoDB Local 2.9.30). */
export function checkDescribeRequest(input: DescribeStreamInput | undefined): number {
  const limit = checkLimit(input?.Limit, DESCRIBE_STREAM_LIMIT);
  if (input?.ExclusiveStartShardId !== undefined)
    checkLength(input.ExclusiveStartShardId, 'exclusiveStartShardId', 28, 65);
  return limit;
}

/** A Limit checked against its rule; an absent one is the rule's maximum. */
export function checkLimit(limit: unknown, rule: MemberRule): number {
  if (limit === undefined || limit === null) return rule.max as number;
  checkMember(rule, limit);
  return limit as number;
}
