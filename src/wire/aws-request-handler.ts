import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from '@smithy/types';
import type { Database } from '../database.js';
import { dispatch, type WireResponse } from './dispatch.js';

/**
 * What an AWS SDK v3 client accepts as `requestHandler`: smithy's `HttpHandler` (a RequestHandler plus the two
 * config methods), written out here so that only `@smithy/types` is needed, for types.
 */
export interface AwsHandler extends RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

/**
 * An SDK v3 `requestHandler` that answers every request in process, against `db`, with no socket:
 *
 * ```ts
 * const client = new DynamoDBClient({ region: 'us-east-1', credentials, requestHandler: createAwsHandler(db) });
 * const streams = new DynamoDBStreamsClient({ region: 'us-east-1', credentials, requestHandler: createAwsHandler(db) });
 * ```
 *
 * It reads the X-Amz-Target header and the body (a string, bytes or a stream), runs `dispatch`, and answers
 * with the JSON 1.0 response, its body the bytes (readable as a one-chunk stream, too). The signature is not
 * checked, and the endpoint does not matter.
 */
export function createAwsHandler(db: Database): AwsHandler {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
      throwIfAborted(options);
      const bodyText = await readBody(request.body);
      throwIfAborted(options);
      return { response: toHttpResponse(dispatch(db, headerValue(request.headers, 'x-amz-target'), bodyText)) };
    },
    updateHttpClientConfig() {
      // Nothing to configure: there is no connection.
    },
    httpHandlerConfigs() {
      return {};
    },
    destroy() {
      // Nothing to release.
    },
  };
}

/** A wire response as the SDK's HttpResponse, its body the bytes. */
export function toHttpResponse({ statusCode, headers, body }: WireResponse): HttpResponse {
  const bytes = ResponseBody.fromText(body);
  return {
    statusCode,
    reason: statusCode === 200 ? 'OK' : statusCode === 500 ? 'Internal Server Error' : 'Bad Request',
    headers: { ...headers, 'content-length': String(bytes.byteLength) },
    body: bytes,
  };
}

/**
 * A response body that is its bytes: the SDK reads a Uint8Array body as it is, where a stream costs it a stream
 * collector per call (measured on PutItem: 10-15 µs of a call of about 150 µs). Like the node handler's stream,
 * it can also be read with `for await`, in one chunk.
 */
class ResponseBody extends Uint8Array {
  static fromText(text: string): ResponseBody {
    const bytes = Buffer.from(text, 'utf8');
    return new ResponseBody(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    yield this;
  }
}

/** Header names are case-insensitive; the SDK sends `x-amz-target` but a caller may build its own request. */
function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (headers === undefined || headers === null) return undefined;
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

function throwIfAborted(options: HttpHandlerOptions | undefined): void {
  const signal = options?.abortSignal as { aborted?: boolean } | undefined;
  if (signal?.aborted === true) {
    const error = new Error('Request aborted');
    error.name = 'AbortError';
    throw error;
  }
}

/** The request body as text, whatever form the SDK (or a caller) gave it. */
async function readBody(body: unknown): Promise<string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
  if (
    typeof (body as { getReader?: unknown }).getReader === 'function' ||
    typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
  ) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<unknown>) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  return String(body);
}
