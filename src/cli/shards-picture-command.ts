import { UsageError, parseCommandLine } from './command-line.js';
import { writeFile } from 'node:fs/promises';
import { SystemClock } from '../clock/system-clock.js';
import { renderHistorySvg } from '../stream/picture/render-svg.js';
import { renderHistoryText } from '../stream/picture/render-text.js';
import type { ShardHistory } from '../stream/picture/shard-history.js';
import { historyThroughAwsApi } from './aws-api-history.js';
import { requestShardHistory, type StreamTarget } from './shardline-history-request.js';

export const SHARDS_PICTURE_USAGE = `Usage: shardline shards --endpoint URL (--table NAME | --stream-arn ARN) [options]

Draws a stream's shards over time (docs/shard-picture.md): time across, hash range down, a bar per shard,
splits, merges and rollovers as lineage links, the trim horizon, each shard's record count.
Against a shardline server it asks DescribeShardHistory; against any other endpoint (AWS, DynamoDB Local)
it draws from DescribeTable and DescribeStream with the AWS SDK and your usual AWS credentials. The AWS API
has no hash ranges, so that picture lays shards out by lineage and says so.

Options:
  --endpoint <url>      the endpoint (default http://127.0.0.1:8000, as shardline serve)
  --table <name>        the table whose latest stream to draw
  --stream-arn <arn>    the stream to draw
  --svg <file>          write the picture as SVG to this file (and print its path)
  --text                print the text picture (the default without --svg)
  --width <n>           columns of the text picture (default 100)
  --aws-api             draw from the AWS API even when the endpoint is a shardline server
  --count-records       with the AWS API: count each shard's records with GetRecords (reads the stream)
  --now <time>          with the AWS API: the picture's now, ISO-8601 or epoch ms (default this machine's
                        clock; a shardline server tells its own)
  -h, --help            show this help
`;

const DEFAULT_ENDPOINT = 'http://127.0.0.1:8000';

/** What `shardline shards` was asked to draw. */
export interface ShardsPictureOptions {
  endpoint: string;
  target: StreamTarget;
  svg: string | undefined;
  text: boolean;
  width: number | undefined;
  awsApi: boolean;
  countRecords: boolean;
  /** The AWS API picture's now (epoch ms); undefined: the system clock. */
  now: number | undefined;
}

/** Where the command writes (the process's streams, or a test's strings). */
export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** `shardline shards [options]` (the words after `shards`). */
export async function shardsPictureCommand(args: readonly string[]): Promise<void> {
  process.exitCode = await runShardsPicture(args, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

/** Runs the command; returns its exit code: 0, 1 when the picture could not be made, 2 for a bad command line. */
export async function runShardsPicture(args: readonly string[], out: CommandOutput): Promise<number> {
  let options: ShardsPictureOptions | 'help';
  try {
    options = parseShardsPictureArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.stderr(`shardline shards: ${error.message}\n\n${SHARDS_PICTURE_USAGE}`);
    return 2;
  }
  if (options === 'help') {
    out.stdout(SHARDS_PICTURE_USAGE);
    return 0;
  }
  let history: ShardHistory;
  try {
    history = await loadHistory(options, out);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const message = error instanceof Error ? error.message : String(error);
    out.stderr(`shardline shards: ${cause === undefined ? message : `${options.endpoint}: ${message} (${cause})`}\n`);
    return 1;
  }
  if (options.svg !== undefined) {
    try {
      await writeFile(options.svg, renderHistorySvg(history));
    } catch (error) {
      out.stderr(`shardline shards: cannot write ${options.svg}: ${(error as Error).message}\n`);
      return 1;
    }
    out.stdout(`${options.svg}\n`);
  }
  if (options.text) out.stdout(renderHistoryText(history, options.width === undefined ? {} : { width: options.width }));
  return 0;
}

async function loadHistory(options: ShardsPictureOptions, out: CommandOutput): Promise<ShardHistory> {
  if (!options.awsApi) {
    const answer = await requestShardHistory(options.endpoint, options.target);
    if (answer.kind === 'history') return answer.history;
    if (answer.kind === 'error') throw new Error(answer.message);
    out.stderr(`shardline shards: not a shardline server (${answer.reason}): drawing from the AWS API\n`);
  }
  return historyThroughAwsApi({
    endpoint: options.endpoint,
    target: options.target,
    countRecords: options.countRecords,
    // The picture's now, for an endpoint that does not say its own: this machine's clock unless told.
    now: options.now ?? new SystemClock().now(),
  });
}

/** Parses the words after `shards`. */
export function parseShardsPictureArgs(args: readonly string[]): ShardsPictureOptions | 'help' {
  const { values } = parseCommandLine(
    args,
    {
      endpoint: { type: 'string' },
      table: { type: 'string' },
      'stream-arn': { type: 'string' },
      svg: { type: 'string' },
      text: { type: 'boolean' },
      width: { type: 'string' },
      'aws-api': { type: 'boolean' },
      'count-records': { type: 'boolean' },
      now: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help === true) return 'help';
  const endpoint = values.endpoint ?? DEFAULT_ENDPOINT;
  if (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol))
    throw new UsageError(`--endpoint must be an http or https URL, got '${endpoint}'`);
  const { table, 'stream-arn': streamArn } = values;
  if ((table === undefined) === (streamArn === undefined))
    throw new UsageError('name one stream: --table NAME or --stream-arn ARN');
  if (table === '' || streamArn === '') throw new UsageError('--table and --stream-arn must not be empty');
  if (values.svg === '') throw new UsageError('--svg needs a file name');
  let width: number | undefined;
  if (values.width !== undefined) {
    width = /^\d+$/.test(values.width) ? Number(values.width) : Number.NaN;
    if (!(width >= 40 && width <= 1000))
      throw new UsageError(`--width must be an integer from 40 to 1000, got '${values.width}'`);
  }
  let now: number | undefined;
  if (values.now !== undefined) {
    now = /^\d+$/.test(values.now) ? Number(values.now) : Date.parse(values.now);
    if (!Number.isSafeInteger(now)) throw new UsageError(`--now must be ISO-8601 or epoch ms, got '${values.now}'`);
  }
  return {
    endpoint,
    target: table === undefined ? { StreamArn: streamArn as string } : { TableName: table },
    svg: values.svg,
    text: values.text === true || values.svg === undefined,
    width,
    awsApi: values['aws-api'] === true,
    countRecords: values['count-records'] === true,
    now,
  };
}
