import type { DynamoDBRecord } from 'aws-lambda';
import { quoted, validationMessage } from '../../validation/validation-error.js';
import { invalidPattern } from './filter-pattern-errors.js';
import { compilePattern, type RecordMatcher } from './filter-pattern.js';
import { InvalidParameterValueException, LambdaValidationException } from '../lambda-errors.js';

/**
 * An event source mapping's `FilterCriteria`: which DynamoDB stream records reach the function.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
 * https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html
 */
export interface FilterCriteria {
  Filters?: { Pattern?: string }[];
}

/** "By default, you can define up to five different filters for a single event source mapping." */
export const MAX_FILTERS = 5;
/** API_Filter: `Pattern` "Length Constraints: Minimum length of 0. Maximum length of 4096." */
export const MAX_PATTERN_LENGTH = 4096;

/**
 * Compiles the criteria once, when the mapping is created or updated: `undefined` when every record passes, else a
 * predicate on the Lambda event record. Filters are ORed, a pattern's fields ANDed; a record no filter matches is
 * dropped, not retried. Errors are Lambda's, in its order (docs/lambda.md#filtering-records).
 */
export function compileFilterCriteria(
  criteria: FilterCriteria | undefined,
): ((record: DynamoDBRecord) => boolean) | undefined {
  const filters = criteria?.Filters;
  if (!filters || filters.length === 0) return undefined;
  filters.forEach((filter, index) => {
    const pattern = filter?.Pattern;
    if (typeof pattern === 'string' && pattern.length > MAX_PATTERN_LENGTH) {
      const at = `filterCriteria.filters.${index + 1}.member.pattern`;
      throw new LambdaValidationException(
        validationMessage([
          { shown: quoted(pattern), at, constraint: `have length less than or equal to ${MAX_PATTERN_LENGTH}` },
        ]),
      );
    }
  });
  if (filters.length > MAX_FILTERS) {
    // AWS's text for this is not on record (the docs say only that "Lambda will return an error"); this
    // message is shardline's.
    throw new InvalidParameterValueException(
      `The filter criteria has ${filters.length} filters, more than the ${MAX_FILTERS} an event source mapping allows by default.`,
    );
  }
  const matchers = filters.map((filter) => compileFilter(filter?.Pattern));
  if (matchers.length === 1) return matchers[0]!;
  return (record) => {
    for (const matches of matchers) if (matches(record)) return true;
    return false;
  };
}

function compileFilter(pattern: string | undefined): RecordMatcher {
  // A filter without a pattern is refused with Lambda's message (LocalStack's AWS-validated SQS case `None`).
  if (typeof pattern !== 'string') throw invalidPattern();
  return compilePattern(pattern);
}
