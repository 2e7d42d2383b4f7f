import type { Database } from '../database.js';
import { SerializationException, UnknownOperationException, type DynamoDBError } from '../errors.js';
import { INTERNAL_ERROR_BODY, asDynamoDBError, errorBody } from './error-body.js';
import { toWireJson } from './json-codec.js';
import { operationFor, unknownOperationMessage } from './registry.js';
import { validate } from '../validation/member-rules.js';

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
 * UnknownOperationException (its message says what shardline implements), a body that is not a JSON object
 * SerializationException, a bug InternalServerError (HTTP 500).
 */
export function dispatch(db: Database, target: string | undefined, bodyText: string): WireResponse {
  const headers = responseHeaders(db);
  try {
    const operation = operationFor(target);
    if (operation === undefined) throw new UnknownOperationException(unknownOperationMessage(target));
    const output = operation.run(db, validate(parseBody(bodyText), operation.validation));
    return { statusCode: 200, headers, body: JSON.stringify(toWireJson(output ?? {})) };
  } catch (thrown) {
    return errorResponse(asDynamoDBError(thrown), headers);
  }
}

/** What `runParsed` returns: the typed output of a call that succeeded, or the wire response of one that failed. */
export type ParsedResult =
  | { readonly ok: true; readonly output: unknown; readonly headers: Record<string, string> }
  | { readonly ok: false; readonly response: WireResponse };

/**
 * `dispatch` for a request body already in memory as a JSON-shaped object (the in-process plugin's input, where
 * binary values may be Uint8Arrays, which the operations read as they read decoded base64). A success returns the
 * operation's typed output as it is, for the caller to copy; a failure returns the same response `dispatch` would
 * send. Consumes one request id, as `dispatch` does.
 */
export function runParsed(db: Database, target: string, input: Record<string, unknown>): ParsedResult {
  const headers = responseHeaders(db);
  try {
    const operation = operationFor(target);
    if (operation === undefined) throw new UnknownOperationException(unknownOperationMessage(target));
    return { ok: true, output: operation.run(db, validate(input, operation.validation)) ?? {}, headers };
  } catch (thrown) {
    return { ok: false, response: errorResponse(asDynamoDBError(thrown), headers) };
  }
}

function responseHeaders(db: Database): Record<string, string> {
  return { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': nextRequestId(db) };
}

function errorResponse(error: DynamoDBError, headers: Record<string, string>): WireResponse {
  try {
    const { statusCode, body } = errorBody(error);
    return { statusCode, headers, body: JSON.stringify(body) };
  } catch {
    // An error whose members cannot be serialised still answers.
    return { statusCode: 500, headers, body: INTERNAL_ERROR_BODY };
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
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new SerializationException('Start of structure or map expected');
  return parsed as Record<string, unknown>;
}
