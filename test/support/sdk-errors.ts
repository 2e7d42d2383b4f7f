import { expect } from 'vitest';

/** An AWS error as an SDK caller sees it: `name`, `message` and `$metadata.httpStatusCode`. */
export interface ExpectedSdkError {
  name: string;
  message: string;
  /** Default 400. */
  status?: number;
}

/** Awaits `promise`, expects it to reject with exactly this AWS error, and returns the error. */
export async function expectSdkError(
  promise: Promise<unknown>,
  expected: ExpectedSdkError,
): Promise<Error & Record<string, unknown>> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${expected.name}: ${expected.message}`).toBeInstanceOf(Error);
  const error = thrown as Error & { $metadata?: { httpStatusCode?: number } } & Record<string, unknown>;
  expect({ name: error.name, message: error.message, status: error.$metadata?.httpStatusCode }).toEqual({
    name: expected.name,
    message: expected.message,
    status: expected.status ?? 400,
  });
  return error;
}

export const sdkValidation = (message: string): ExpectedSdkError => ({ name: 'ValidationException', message });
