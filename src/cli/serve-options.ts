import { UsageError, parseCommandLine } from './command-line.js';
import { parseIsoTime } from '../clock/iso-time.js';

/** What `shardline serve` was asked to do. */
export interface ServeOptions {
  port: number;
  host: string;
  /** Undefined: the Database's default (`us-east-1`). */
  region: string | undefined;
  /** Undefined: a random seed, printed at start so that a run can be replayed. */
  seed: number | undefined;
  /** The server's limits (docs/limits.md); each undefined one keeps listen's default. */
  maxRequestBytes: number | undefined;
  maxBufferedBytes: number | undefined;
  idleTimeoutMs: number | undefined;
  requestTimeoutMs: number | undefined;
  /** `manual`: a ManualClock that only the control interface moves (docs/time-travel.md). */
  clock: 'system' | 'manual';
  /** The manual clock's start (epoch ms); undefined: the system time when the server starts. */
  start: number | undefined;
  help: boolean;
}

/** Port 8000, as DynamoDB Local, so that an endpoint written for it works unchanged. */
export const DEFAULT_PORT = 8000;
export const DEFAULT_HOST = '127.0.0.1';

export const SERVE_USAGE = `Usage: shardline serve [options]

Serves an in-memory DynamoDB with DynamoDB Streams over HTTP (AWS JSON 1.0), on the system clock or
on a manual clock. The first line printed is the endpoint, for an SDK's endpoint or the AWS CLI's
--endpoint-url.

Options:
  --port <n>      TCP port, 0 for a free one (default ${DEFAULT_PORT})
  --host <addr>   interface to bind (default ${DEFAULT_HOST}: this machine only)
  --region <r>    region in ARNs and records (default us-east-1)
  --seed <n>      seed for shard ids, eventIDs and iterators, 0 to 4294967295 (default: random)
  -h, --help      show this help

Time travel (docs/time-travel.md):
  --clock <c>     system (default) or manual: a clock that stands still until moved with
                  \`shardline clock advance 25h\` or \`shardline clock set <ISO-8601>\`, and shards
                  that \`shardline shards split|merge|rollover|trim\` shape
  --start <time>  the manual clock's start, ISO-8601 with a zone (2026-01-01T00:00:00Z); default:
                  the system time when the server starts, so that a TTL a client computes from its
                  own wall clock falls where it expects. Only with --clock manual

Limits (docs/limits.md):
  --max-request-bytes <n>   largest request body, larger ones are answered 413 (default 16777216: 16 MiB)
  --max-buffered-bytes <n>  request bodies held at once, all connections together; past it a
                            request is answered 503 (default 67108864: 64 MiB)
  --idle-timeout-ms <n>     a body that stalls this long is answered 500 and its connection
                            closed (default 30000; 0: no limit)
  --request-timeout-ms <n>  a whole request must arrive within this, or is answered 408
                            (default 60000; 0: no limit)

Ctrl-C (SIGINT) or SIGTERM stops the server.
`;

/** Parses `shardline serve`'s arguments (without `node` and the script). The word `serve` itself is optional. */
export function parseServeArgs(args: readonly string[]): ServeOptions {
  const parsed = parseCommandLine(args, {
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    region: { type: 'string' },
    seed: { type: 'string' },
    'max-request-bytes': { type: 'string' },
    'max-buffered-bytes': { type: 'string' },
    'idle-timeout-ms': { type: 'string' },
    'request-timeout-ms': { type: 'string' },
    clock: { type: 'string' },
    start: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  const extra = positionals[0] === 'serve' ? positionals.slice(1) : positionals;
  if (extra.length > 0) throw new UsageError(`Unexpected argument '${extra[0]}': the only command is 'serve'`);
  const maxRequestBytes = optionalInteger('--max-request-bytes', values['max-request-bytes'], 1);
  const maxBufferedBytes = optionalInteger('--max-buffered-bytes', values['max-buffered-bytes'], 1);
  if (maxRequestBytes !== undefined && maxBufferedBytes !== undefined && maxBufferedBytes < maxRequestBytes) {
    throw new UsageError(
      `--max-buffered-bytes must be at least --max-request-bytes (${maxRequestBytes}), got '${maxBufferedBytes}'`,
    );
  }
  const clock = values.clock ?? 'system';
  if (clock !== 'system' && clock !== 'manual')
    throw new UsageError(`--clock must be 'system' or 'manual', got '${clock}'`);
  if (values.start !== undefined && clock !== 'manual')
    throw new UsageError('--start sets a manual clock: add --clock manual');
  const start = values.start === undefined ? undefined : parseIsoTime(values.start);
  if (values.start !== undefined && start === undefined)
    throw new UsageError(
      `--start must be an ISO-8601 time with a zone, such as 2026-01-01T00:00:00Z, got '${values.start}'`,
    );
  return {
    port: values.port === undefined ? DEFAULT_PORT : integerIn('--port', values.port, 0, 65_535),
    host: values.host === undefined ? DEFAULT_HOST : nonEmpty('--host', values.host),
    region: values.region === undefined ? undefined : nonEmpty('--region', values.region),
    seed: values.seed === undefined ? undefined : integerIn('--seed', values.seed, 0, 4_294_967_295),
    maxRequestBytes,
    maxBufferedBytes,
    idleTimeoutMs: optionalInteger('--idle-timeout-ms', values['idle-timeout-ms'], 0),
    requestTimeoutMs: optionalInteger('--request-timeout-ms', values['request-timeout-ms'], 0),
    clock,
    start,
    help: values.help === true,
  };
}

function integerIn(option: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max))
    throw new UsageError(`${option} must be an integer from ${min} to ${max}, got '${text}'`);
  return value;
}

function optionalInteger(option: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && Number.isSafeInteger(value)))
    throw new UsageError(`${option} must be an integer of at least ${min}, got '${text}'`);
  return value;
}

function nonEmpty(option: string, text: string): string {
  if (text.trim() === '') throw new UsageError(`${option} must not be empty`);
  return text;
}
