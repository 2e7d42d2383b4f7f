import { isUtf8 } from 'node:buffer';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { onSocketIdle } from '../clock/socket-idle-timeout.js';
import type { Database } from '../database.js';
import { SerializationException } from '../errors.js';
import { BodyBudget } from './body-budget.js';
import { crc32 } from './crc32.js';
import { dispatch } from './dispatch.js';
import { INTERNAL_ERROR_BODY, errorBody } from './error-body.js';
import { resolveHttpLimits, type HttpLimitOptions } from './http-limits.js';
import { MAX_JSON_DEPTH, jsonDepthExceeds } from './json-depth.js';
import { operationFor } from './registry.js';

/** What the server answers, before it is written to the socket. */
interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** The two JSON media types DynamoDB reads; any other, with a body, is answered 404 (see `answer`). */
const AMZ_JSON = 'application/x-amz-json-1.0';
const PLAIN_JSON = 'application/json';

/** AWS's answer to a method other than POST, or a body of another media type: an XML fragment, with a 404. */
const UNKNOWN_OPERATION_XML = '<UnknownOperationException/>\n';

/** A body over `maxRequestBytes`: 413 and no body, as AWS and DynamoDB Local answer. */
const TOO_LARGE: HttpAnswer = { statusCode: 413, headers: {}, body: '' };

/**
 * All connections together hold `maxBufferedBytes` of bodies: AWS's common error for a server that cannot take the
 * request now (CommonErrors, "ServiceUnavailable"), which the AWS SDKs retry after a pause.
 */
const BUSY: HttpAnswer = {
  statusCode: 503,
  headers: { 'Content-Type': AMZ_JSON },
  body: JSON.stringify({
    __type: 'com.amazonaws.dynamodb.v20120810#ServiceUnavailable',
    message: 'The request has failed due to a temporary failure of the server.',
  }),
};

/** A body that stalled for `idleTimeoutMs`: DynamoDB Local's answer after its 30 s, word for word, and the connection closed. */
const STALLED: HttpAnswer = {
  statusCode: 500,
  headers: { 'Content-Type': AMZ_JSON, Connection: 'close' },
  body: JSON.stringify({
    __type: 'com.amazonaws.dynamodb.v20120810#InternalFailure',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
  }),
};

/** A request listener for `node:http`, with the bytes its connections hold now (see HttpLimitOptions). */
export interface HttpListener {
  (request: IncomingMessage, response: ServerResponse): void;
  /** Bytes of request bodies held now, all connections together (at most `maxBufferedBytes`). */
  readonly bufferedBytes: number;
}

/**
 * A `node:http` request listener that serves `db` with the AWS JSON 1.0 protocol of DynamoDB
 * (`DynamoDB_20120810`) and DynamoDB Streams (`DynamoDBStreams_20120810`), on any path. `listen(db)` runs it
 * on its own server; it can also be mounted on yours: `http.createServer(createHttpListener(db))`.
 *
 * Before the operation runs, it answers what DynamoDB answers at the HTTP level (as observed on AWS and
 * recorded by dynalite's connection tests, which run against AWS; checked here against DynamoDB Local where
 * the two agree), and enforces `limits` (docs/limits.md):
 * - a body over `maxRequestBytes` (16 MiB): 413, empty body;
 * - a body that would take the bodies held by all connections past `maxBufferedBytes`: 503 ServiceUnavailable;
 * - a body that stalls for `idleTimeoutMs` (30 s): 500 InternalFailure, and the connection closed;
 * - GET (or HEAD): 200 and `healthy: dynamodb.<region>.amazonaws.com ` (trailing space included), AWS's health
 *   check;
 * - an OPTIONS with an Origin: a CORS preflight, 200; any answer to a request with an Origin allows it;
 * - any other method than POST, or a body whose Content-Type is neither `application/x-amz-json-1.0` nor
 *   `application/json` (parameters such as `; charset=utf-8` are ignored): 404, `<UnknownOperationException/>`;
 * - a body that is not JSON, not UTF-8, or nested deeper than 1,000 levels: 400 SerializationException, checked
 *   before the target, as AWS does;
 * - a missing or unknown X-Amz-Target: 400 UnknownOperationException.
 * Every answer carries `x-amzn-RequestId`, and every answer with a body its `x-amz-crc32`. The answer's
 * Content-Type is the request's JSON media type (`application/json` unless it was `application/x-amz-json-1.0`).
 * The request signature is not checked. Nothing a client sends makes it throw: a bug answers AWS's 500.
 */
export function createHttpListener(db: Database, limitOptions: HttpLimitOptions = {}): HttpListener {
  const limits = resolveHttpLimits(limitOptions);
  const budget = new BodyBudget(limits.maxBufferedBytes);
  let answered = 0;
  // Ids for the answers given before dispatch (which numbers its own): deterministic, 52 characters as AWS's.
  const nextRequestId = (): string => `SHARDLINEHTTP${String(++answered).padStart(39, '0')}`;

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    let chunks: Buffer[] = [];
    let size = 0;
    let held = 0;
    // Once a body is refused (413, 503), the rest of it is read and dropped, so that the client can read the answer
    // (no reset mid-upload).
    let refusal: HttpAnswer | undefined;
    let replied = false;
    const release = (): void => {
      budget.give(held);
      held = 0;
      chunks = [];
    };
    const reply = (answer: () => HttpAnswer): void => {
      if (replied) return;
      replied = true;
      let computed: HttpAnswer;
      try {
        computed = answer();
      } catch {
        computed = internalError();
      }
      release();
      send(request, response, computed, nextRequestId);
    };

    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (refusal !== undefined || replied) return;
      if (size > limits.maxRequestBytes) refusal = TOO_LARGE;
      else if (!budget.take(chunk.byteLength)) refusal = BUSY;
      if (refusal !== undefined) {
        release();
        return;
      }
      held += chunk.byteLength;
      chunks.push(chunk);
    });
    // The client went away mid-request (or the server closed the connection): nobody to answer, bytes given back.
    request.on('error', release);
    request.on('close', release);
    request.on('end', () =>
      reply(() => {
        if (refusal !== undefined) return refusal;
        const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
        return answer(db, request, body);
      }),
    );
    // The request hears its socket's idle timeout only while its body is incomplete. `Connection: close` has
    // node:http close the connection after the answer; a client still sending after its answer (a refused body,
    // sent slowly) has nothing more to hear.
    if (limits.idleTimeoutMs > 0) {
      onSocketIdle(request, limits.idleTimeoutMs, () => {
        if (replied) request.socket.destroy();
        else
          reply(() =>
            refusal === undefined ? STALLED : { ...refusal, headers: { ...refusal.headers, Connection: 'close' } },
          );
      });
    }
  };
  Object.defineProperty(listener, 'bufferedBytes', { get: () => budget.held, enumerable: true });
  return listener as HttpListener;
}

function answer(db: Database, request: IncomingMessage, body: Buffer): HttpAnswer {
  const { method, headers } = request;
  if (method === 'OPTIONS' && headers.origin !== undefined) return corsPreflight(headers);
  // AWS's health check. HEAD gets the same head, and node:http leaves the body out.
  if (method === 'GET' || method === 'HEAD')
    return { statusCode: 200, headers: {}, body: `healthy: dynamodb.${db.region}.amazonaws.com ` };
  const mediaType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (method !== 'POST' || (body.byteLength > 0 && mediaType !== AMZ_JSON && mediaType !== PLAIN_JSON)) {
    return { statusCode: 404, headers: {}, body: UNKNOWN_OPERATION_XML };
  }
  const contentType = mediaType === AMZ_JSON ? AMZ_JSON : PLAIN_JSON;
  // Bytes that are not UTF-8 are refused, not decoded with U+FFFD in their place (which would store other data
  // than was sent): AWS answers them with a SerializationException, as a body that is not JSON.
  if (!isUtf8(body)) return serializationError(contentType, '');
  if (jsonDepthExceeds(body))
    return serializationError(contentType, `The request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  const bodyText = body.toString('utf8');
  const given = headers['x-amz-target'];
  const target = Array.isArray(given) ? given.join(', ') : given;
  // dispatch checks the target first; AWS checks the JSON first. Only an unknown target needs the check here,
  // since dispatch parses the body of a known one (and answers SerializationException itself).
  if (operationFor(target) === undefined && bodyText.trim() !== '' && !isJson(bodyText))
    return serializationError(contentType, '');
  const { statusCode, headers: wireHeaders, body: wireBody } = dispatch(db, target, bodyText);
  return {
    statusCode,
    headers: { 'Content-Type': contentType, 'x-amzn-RequestId': wireHeaders['x-amzn-requestid'] ?? '' },
    body: wireBody,
  };
}

function serializationError(contentType: string, message: string): HttpAnswer {
  const { statusCode, body } = errorBody(new SerializationException(message));
  return { statusCode, headers: { 'Content-Type': contentType }, body: JSON.stringify(body) };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function corsPreflight(headers: IncomingHttpHeaders): HttpAnswer {
  const allow: Record<string, string> = { 'Access-Control-Max-Age': '172800' };
  const requestHeaders = headers['access-control-request-headers'];
  const requestMethod = headers['access-control-request-method'];
  if (requestHeaders !== undefined) allow['Access-Control-Allow-Headers'] = requestHeaders;
  if (typeof requestMethod === 'string') allow['Access-Control-Allow-Methods'] = requestMethod;
  return { statusCode: 200, headers: allow, body: '' };
}

function internalError(): HttpAnswer {
  return { statusCode: 500, headers: { 'Content-Type': AMZ_JSON }, body: INTERNAL_ERROR_BODY };
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  reply: HttpAnswer,
  nextRequestId: () => string,
): void {
  try {
    const bytes = Buffer.from(reply.body, 'utf8');
    const headers: Record<string, string> = { ...reply.headers };
    if (headers['x-amzn-RequestId'] === undefined || headers['x-amzn-RequestId'] === '')
      headers['x-amzn-RequestId'] = nextRequestId();
    if (request.headers.origin !== undefined) headers['Access-Control-Allow-Origin'] = '*';
    // A 413 is sent as AWS sends it: chunked and empty. Every other answer has a length (0 for a preflight).
    if (reply.statusCode !== 413) {
      if (bytes.byteLength > 0) headers['x-amz-crc32'] = String(crc32(bytes));
      headers['Content-Length'] = String(bytes.byteLength);
    }
    response.writeHead(reply.statusCode, headers);
    response.end(bytes);
  } catch {
    // The socket is gone, or the response was already started: nothing more can be said on it.
    response.destroy();
  }
}
