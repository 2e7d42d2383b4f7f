import { describe, expect, it } from 'vitest';
import { ValidationException } from '../../src/errors.js';
import { checkExpressionParameterMix } from '../../src/expression/parameter-mix.js';
import { parseRequestExpressions } from '../../src/expression/request-expressions.js';
import type { KeySchema } from '../../src/model/key-schema.js';
import { ERROR_CASES } from './error-cases.js';

const keySchema: KeySchema = { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' } };

function firstError(input: Readonly<Record<string, unknown>>, operation: (typeof ERROR_CASES)[number]['operation']) {
  try {
    checkExpressionParameterMix(input);
    parseRequestExpressions(input, { keySchema, operation });
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('expression errors: AWS texts, in AWS order (each case checked on DynamoDB Local 2.9.30)', () => {
  it.each(ERROR_CASES.map((c) => [c.message.slice(0, 90), c] as const))('%s', (_, c) => {
    const error = firstError(c.input, c.operation);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as Error).message).toBe(c.message);
  });

  it('parses the same text again with the same problem (the cache keeps problems too)', () => {
    for (let i = 0; i < 2; i++) {
      expect(() => parseRequestExpressions({ UpdateExpression: 'SET a = !!' })).toThrow(
        'Invalid UpdateExpression: Syntax error; token: "!", near: "= !!"',
      );
    }
  });

  it('refuses a non-string expression given through the typed API', () => {
    expect(() => parseRequestExpressions({ ConditionExpression: 42 })).toThrow(ValidationException);
    expect(() => parseRequestExpressions({ ConditionExpression: 'a = :v', ExpressionAttributeValues: [] })).toThrow(
      'ExpressionAttributeValues must be a map',
    );
  });
});
