import type { Database } from '../database.js';
import { SerializationException, UnknownOperationException, type DynamoDBError } from '../errors.js';
import { asDynamoDBError, errorBody } from './error-body.js';
import { toWireJson } from './json-codec.js';
import { operationFor } from './registry.js';
import { validate } from './validation.js';

/** An HTTP response of the JSON 1.0 protocol, before any transport. */
export interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** Request ids per database: deterministic (a counter), as every id in shardline is. */
const requestCounters = new WeakMap<Database, number>();

function nextRequestId(db: Database): string {
  const n = (requestCounters.get(db) ?? 0) + 1;
  requestCounters.set(db, n);
  // The shape of DynamoDB's 52-character request ids.
  return `SHARDLINE${String(n).padStart(43, '0')}`;
}

/**
 * Runs one JSON 1.0 request against `db`: `target` is the X-Amz-Target header (`DynamoDB_20120810.PutItem`,
 * `DynamoDBStreams_20120810.GetRecords`), `bodyText` the request body. Never throws: an unknown target is
 * UnknownOperationException, a body that is not a JSON object SerializationException, a bug InternalServerError
 * (HTTP 500).
 */
export function dispatch(db: Database, target: string | undefined, bodyText: string): WireResponse {
  const headers = { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': nextRequestId(db) };
  try {
    const operation = operationFor(target);
    if (operation === undefined) throw new UnknownOperationException('');
    const input = parseBody(bodyText);
    const output = operation.run(db, validate(input, operation.validation));
    return { statusCode: 200, headers, body: JSON.stringify(toWireJson(output ?? {})) };
  } catch (thrown) {
    return errorResponse(asDynamoDBError(thrown), headers);
  }
}

function errorResponse(error: DynamoDBError, headers: Record<string, string>): WireResponse {
  try {
    const { statusCode, body } = errorBody(error);
    return { statusCode, headers, body: JSON.stringify(body) };
  } catch {
    // An error whose members cannot be serialised still answers.
    return { statusCode: 500, headers, body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'An error occurred on the server side.' }) };
  }
}

function parseBody(bodyText: string): Record<string, unknown> {
  // AWS reads an empty body as an empty request.
  if (bodyText.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    throw new SerializationException('');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SerializationException('Start of structure or map expected');
  return parsed as Record<string, unknown>;
}
