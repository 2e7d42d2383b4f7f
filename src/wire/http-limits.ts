/**
 * What the HTTP server holds for a client, and for how long (docs/limits.md). The defaults let any request AWS
 * accepts through, and keep a client that sends large bodies, or sends them slowly, from taking the server's
 * memory or its time.
 */
export interface HttpLimitOptions {
  /**
   * The largest request body, in bytes. Default 16 MiB, DynamoDB's ("A single call to BatchWriteItem can transmit
   * up to 16MB of data over the network", API_BatchWriteItem). A larger one is read to its end, dropped as it
   * arrives, and answered 413 with an empty body, as DynamoDB Local answers.
   */
  maxRequestBytes?: number;
  /**
   * The most bytes of request bodies held at once, all connections together (a body is held until it has all
   * arrived). Default 64 MiB. A body that would take the total past it is dropped as it arrives and answered 503
   * ServiceUnavailable, which the AWS SDKs retry. At least `maxRequestBytes` (and so by default, when that is
   * larger).
   */
  maxBufferedBytes?: number;
  /**
   * How long a request body may stall (no byte arriving) before the request is answered 500 and its connection
   * closed, as DynamoDB Local does after 30 s. Default 30,000 ms; 0 for no limit.
   */
  idleTimeoutMs?: number;
}

export type HttpLimits = Required<HttpLimitOptions>;

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxRequestBytes: 16 * 1024 * 1024,
  maxBufferedBytes: 64 * 1024 * 1024,
  idleTimeoutMs: 30_000,
};

/** The limits asked for, checked, with the defaults for those left out. */
export function resolveHttpLimits(options: HttpLimitOptions = {}): HttpLimits {
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_HTTP_LIMITS.maxRequestBytes;
  const limits: HttpLimits = {
    maxRequestBytes,
    // Left out, it grows with a larger maxRequestBytes: one body of the largest size always fits.
    maxBufferedBytes:
      options.maxBufferedBytes ??
      Math.max(DEFAULT_HTTP_LIMITS.maxBufferedBytes, typeof maxRequestBytes === 'number' ? maxRequestBytes : 0),
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_HTTP_LIMITS.idleTimeoutMs,
  };
  checkInteger('maxRequestBytes', limits.maxRequestBytes, 1);
  checkInteger('maxBufferedBytes', limits.maxBufferedBytes, 1);
  checkInteger('idleTimeoutMs', limits.idleTimeoutMs, 0);
  if (limits.maxBufferedBytes < limits.maxRequestBytes) {
    throw new RangeError(
      `maxBufferedBytes (${limits.maxBufferedBytes}) must be at least maxRequestBytes (${limits.maxRequestBytes}), or no body of the largest size could be read`,
    );
  }
  return limits;
}

/** Throws a RangeError naming the option unless `value` is a safe integer of at least `min`. */
export function checkInteger(option: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${option} must be an integer of at least ${min}, got ${String(value)}`);
  }
}
