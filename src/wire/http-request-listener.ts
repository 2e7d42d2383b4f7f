import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '../database.js';
import { SerializationException } from '../errors.js';
import { crc32 } from './crc32.js';
import { dispatch } from './dispatch.js';
import { errorBody } from './error-body.js';
import { operationFor } from './registry.js';

/**
 * The largest request body accepted: 16 MiB, DynamoDB's limit ("A single call to BatchWriteItem can transmit
 * up to 16MB of data over the network", API_BatchWriteItem). DynamoDB Local, observed: 16,777,216 bytes are
 * read, 16,777,217 answer HTTP 413.
 */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

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

/**
 * A `node:http` request listener that serves `db` with the AWS JSON 1.0 protocol of DynamoDB
 * (`DynamoDB_20120810`) and DynamoDB Streams (`DynamoDBStreams_20120810`), on any path. `db.listen()` runs it
 * on its own server; it can also be mounted on yours: `http.createServer(createHttpListener(db))`.
 *
 * Before the operation runs, it answers what DynamoDB answers at the HTTP level (as observed on AWS and
 * recorded by dynalite's connection tests, which run against AWS; checked here against DynamoDB Local where
 * the two agree):
 * - a body over 16 MiB: 413, empty body;
 * - GET (or HEAD): 200 and `healthy: dynamodb.<region>.amazonaws.com ` (trailing space included), AWS's health
 *   check;
 * - an OPTIONS with an Origin: a CORS preflight, 200; any answer to a request with an Origin allows it;
 * - any other method than POST, or a body whose Content-Type is neither `application/x-amz-json-1.0` nor
 *   `application/json` (parameters such as `; charset=utf-8` are ignored): 404, `<UnknownOperationException/>`;
 * - a body that is not JSON: 400 SerializationException, checked before the target, as AWS does;
 * - a missing or unknown X-Amz-Target: 400 UnknownOperationException.
 * Every answer carries `x-amzn-RequestId`, and every answer with a body its `x-amz-crc32`. The answer's
 * Content-Type is the request's JSON media type (`application/json` unless it was `application/x-amz-json-1.0`).
 * The request signature is not checked. Nothing a client sends makes it throw: a bug answers AWS's 500.
 */
export function createHttpListener(db: Database): (request: IncomingMessage, response: ServerResponse) => void {
  let answered = 0;
  // Ids for the answers given before dispatch (which numbers its own): deterministic, 52 characters as AWS's.
  const nextRequestId = (): string => `SHARDLINEHTTP${String(++answered).padStart(39, '0')}`;

  return (request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      if (tooLarge) return; // read and dropped, so that the client can read the 413 (no reset mid-upload)
      size += chunk.byteLength;
      if (size > MAX_REQUEST_BYTES) {
        tooLarge = true;
        chunks.length = 0;
      } else {
        chunks.push(chunk);
      }
    });
    request.on('error', () => {
      // The client went away mid-request: there is nobody to answer.
    });
    request.on('end', () => {
      let reply: HttpAnswer;
      try {
        reply = tooLarge ? { statusCode: 413, headers: {}, body: '' } : answer(db, request, Buffer.concat(chunks, size).toString('utf8'));
      } catch {
        reply = internalError();
      }
      send(request, response, reply, nextRequestId);
    });
  };
}

function answer(db: Database, request: IncomingMessage, bodyText: string): HttpAnswer {
  const { method, headers } = request;
  if (method === 'OPTIONS' && headers.origin !== undefined) return corsPreflight(headers);
  // AWS's health check. HEAD gets the same head, and node:http leaves the body out.
  if (method === 'GET' || method === 'HEAD') return { statusCode: 200, headers: {}, body: `healthy: dynamodb.${db.region}.amazonaws.com ` };
  const mediaType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (method !== 'POST' || (bodyText !== '' && mediaType !== AMZ_JSON && mediaType !== PLAIN_JSON)) {
    return { statusCode: 404, headers: {}, body: UNKNOWN_OPERATION_XML };
  }
  const contentType = mediaType === AMZ_JSON ? AMZ_JSON : PLAIN_JSON;
  const given = headers['x-amz-target'];
  const target = Array.isArray(given) ? given.join(', ') : given;
  // dispatch checks the target first; AWS checks the JSON first. Only an unknown target needs the check here,
  // since dispatch parses the body of a known one (and answers SerializationException itself).
  if (operationFor(target) === undefined && bodyText.trim() !== '' && !isJson(bodyText)) {
    const { statusCode, body } = errorBody(new SerializationException(''));
    return { statusCode, headers: { 'Content-Type': contentType }, body: JSON.stringify(body) };
  }
  const { statusCode, headers: wireHeaders, body } = dispatch(db, target, bodyText);
  return {
    statusCode,
    headers: { 'Content-Type': contentType, 'x-amzn-RequestId': wireHeaders['x-amzn-requestid'] ?? '' },
    body,
  };
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
  const body = { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'An error occurred on the server side.' };
  return { statusCode: 500, headers: { 'Content-Type': AMZ_JSON }, body: JSON.stringify(body) };
}

function send(request: IncomingMessage, response: ServerResponse, reply: HttpAnswer, nextRequestId: () => string): void {
  try {
    const bytes = Buffer.from(reply.body, 'utf8');
    const headers: Record<string, string> = { ...reply.headers };
    if (headers['x-amzn-RequestId'] === undefined || headers['x-amzn-RequestId'] === '') headers['x-amzn-RequestId'] = nextRequestId();
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
