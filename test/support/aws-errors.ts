/**
 * Assertions on the AWS errors of the typed API: the class, `.name` (the AWS error name) and the exact
 * `.message`, and, for a rejected call, that it left the tables and streams exactly as they were.
 */
import { expect } from 'vitest';
import {
  DynamoDBError,
  ExpiredIteratorException,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  ValidationException,
  type Database,
} from '../../src/index.js';
import { snapshot } from './database-snapshot.js';

/** What an AWS error must be: its class, its `name`, its exact `message`. */
export interface ExpectedError {
  type: abstract new (...args: never[]) => DynamoDBError;
  name: string;
  message: string;
}

export const validation = (message: string): ExpectedError => ({
  type: ValidationException,
  name: 'ValidationException',
  message,
});
export const notFound = (message: string): ExpectedError => ({
  type: ResourceNotFoundException,
  name: 'ResourceNotFoundException',
  message,
});
export const TRIMMED: ExpectedError = {
  type: TrimmedDataAccessException,
  name: 'TrimmedDataAccessException',
  message: 'The operation attempted to read past the oldest stream record in a shard.',
};
export const EXPIRED: ExpectedError = {
  type: ExpiredIteratorException,
  name: 'ExpiredIteratorException',
  message: 'The provided iterator exceeds the maximum age allowed.',
};
export const INVALID_ITERATOR = validation('Invalid ShardIterator');

/** Runs `fn`, expects it to throw exactly `expected`, and returns the error. */
export function expectError(fn: () => unknown, expected: ExpectedError): DynamoDBError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${expected.name}: ${expected.message}`).toBeDefined();
  expect(thrown).toBeInstanceOf(expected.type);
  const error = thrown as DynamoDBError;
  expect(error.name).toBe(expected.name);
  expect(error.message).toBe(expected.message);
  return error;
}

/** Runs `call`, which must throw, and returns what it threw. */
export function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, and it returned');
}

/** `call` throws `type` (its `.name` the class's AWS name) with exactly `message`. Returns the error for further checks. */
export function expectThrows<E extends DynamoDBError>(
  call: () => unknown,
  type: abstract new (...args: never[]) => E,
  message: string,
): E {
  const error = thrownBy(call);
  expect(error).toBeInstanceOf(type);
  expect((error as Error).name).toBe(type.name);
  expect((error as Error).message).toBe(message);
  return error as E;
}

/**
 * The call throws `type` with exactly `message`, and leaves no trace: the tables (items, ItemCount,
 * TableSizeBytes) and the streams (shards and records) are exactly as before.
 */
export function expectRejected<E extends DynamoDBError>(
  db: Database,
  call: () => unknown,
  type: abstract new (...args: never[]) => E,
  message: string,
): E {
  const before = snapshot(db);
  const error = expectThrows(call, type, message);
  expect(snapshot(db)).toEqual(before);
  return error;
}
