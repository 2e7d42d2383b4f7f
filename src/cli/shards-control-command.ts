/** `shardline shards split|merge|rollover|trim`: shapes a served stream's shards (a manual-clock server). */
import type { ShardInfoJson } from '../wire/control/shard-info-json.js';
import {
  COMMON_OPTIONS,
  PROCESS_IO,
  endpointOption,
  runControlCli,
  type ControlCall,
  type ControlCliIo,
} from './control-cli.js';
import { UsageError, parseCommandLine } from './command-line.js';

const STREAM_OPTIONS = `  --table <name>       the table whose stream it is
  --stream-arn <arn>   or the stream, by ARN (one of the two)`;

const VERB_USAGE = {
  split: `  split     --shard <id> [--at <hash>]   close an open shard; two children cover its range,
                                          split at a 64-bit hash (default: the middle)`,
  merge: `  merge     --shard <id> --adjacent <id> close two adjacent open shards; one child covers both`,
  rollover: `  rollover  --shard <id>                 close an open shard; one child takes its range`,
  trim: `  trim                                   apply the 24-hour retention to every shard now`,
} as const;

type Verb = keyof typeof VERB_USAGE;

function usage(verbs: readonly Verb[]): string {
  return `Usage: shardline shards ${verbs.join('|')} [options]

Shapes the stream of a server started with \`shardline serve --clock manual\` (docs/time-travel.md).
DescribeStream shows the result as AWS would; shard ids come from it.

Commands:
${verbs.map((verb) => VERB_USAGE[verb]).join('\n')}

Options:
${STREAM_OPTIONS}
${COMMON_OPTIONS}
`;
}

export const SHARDS_CONTROL_USAGE = usage(['split', 'merge', 'rollover', 'trim']);

/** Parses `shardline shards <verb> ...` (args exclude the word `shards`, include the verb). */
export function parseShardsControlArgs(args: readonly string[]): ControlCall & { usage: string } {
  const parsed = parseCommandLine(args, {
    endpoint: { type: 'string' },
    table: { type: 'string' },
    'stream-arn': { type: 'string' },
    shard: { type: 'string' },
    adjacent: { type: 'string' },
    at: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  const [verb, extra] = positionals;
  if (verb === undefined || !Object.hasOwn(VERB_USAGE, verb))
    throw new UsageError(`unknown shards command '${verb ?? ''}': the commands are split, merge, rollover and trim`);
  const common = {
    help: values.help === true,
    endpoint: endpointOption(values.endpoint),
    json: values.json === true,
    usage: usage([verb as Verb]),
  };
  if (common.help) return { ...common, operation: '', input: {}, describe: String };
  if (extra !== undefined) throw new UsageError(`Unexpected argument '${extra}'`);
  const stream = streamOption(values.table, values['stream-arn']);
  const allowed: Record<Verb, readonly string[]> = {
    split: ['shard', 'at'],
    merge: ['shard', 'adjacent'],
    rollover: ['shard'],
    trim: [],
  };
  for (const option of ['shard', 'adjacent', 'at'] as const)
    if (values[option] !== undefined && !allowed[verb as Verb].includes(option))
      throw new UsageError(`--${option} does not go with 'shards ${verb}'`);
  const shard = (): string => {
    if (values.shard === undefined || values.shard === '')
      throw new UsageError(`'shards ${verb}' needs --shard <id> (DescribeStream lists the shard ids)`);
    return values.shard;
  };
  switch (verb as Verb) {
    case 'split': {
      const input: Record<string, unknown> = { ...stream, ShardId: shard() };
      if (values.at !== undefined) {
        if (!/^\d{1,20}$/.test(values.at))
          throw new UsageError(
            `--at must be a hash key, a decimal number from 1 to 18446744073709551615, got '${values.at}'`,
          );
        input.At = values.at;
      }
      return { ...common, operation: 'SplitShard', input, describe: describeSplit };
    }
    case 'merge': {
      if (values.adjacent === undefined || values.adjacent === '')
        throw new UsageError("'shards merge' needs --adjacent <id>: the open shard next to --shard");
      const input = { ...stream, ShardId: shard(), AdjacentShardId: values.adjacent };
      return {
        ...common,
        operation: 'MergeShards',
        input,
        describe: (answer) => `merged into ${shardLine((answer as { Shard: ShardInfoJson }).Shard)}`,
      };
    }
    case 'rollover': {
      const input = { ...stream, ShardId: shard() };
      return {
        ...common,
        operation: 'RolloverShard',
        input,
        describe: (answer) => `rolled over into ${shardLine((answer as { Shard: ShardInfoJson }).Shard)}`,
      };
    }
    case 'trim':
      return {
        ...common,
        operation: 'TrimStream',
        input: stream,
        describe: (answer) => {
          const count = (answer as { TrimmedRecords: number }).TrimmedRecords;
          return `trimmed ${count} record${count === 1 ? '' : 's'}`;
        },
      };
  }
}

function streamOption(table: string | undefined, streamArn: string | undefined): Record<string, string> {
  if ((table === undefined) === (streamArn === undefined))
    throw new UsageError('name the stream with --table <name> or --stream-arn <arn> (one of them)');
  if (table !== undefined) {
    if (table === '') throw new UsageError('--table must not be empty');
    return { TableName: table };
  }
  if (streamArn === '') throw new UsageError('--stream-arn must not be empty');
  return { StreamArn: streamArn as string };
}

function shardLine(shard: ShardInfoJson): string {
  return `${shard.shardId} [${shard.hashKeyRange.start}..${shard.hashKeyRange.end}]`;
}

function describeSplit(answer: unknown): string {
  const [low, high] = (answer as { Shards: [ShardInfoJson, ShardInfoJson] }).Shards;
  return `split ${low.parentShardIds[0] ?? ''} into ${shardLine(low)} and ${shardLine(high)}`;
}

/** Runs `shardline shards split|merge|rollover|trim ...`; sets `process.exitCode`. */
export async function shardsControlCommand(args: readonly string[], io: ControlCliIo = PROCESS_IO): Promise<void> {
  process.exitCode = await runShardsControl(args, io);
}

/** The same, returning the exit code; the usage shown is the verb's when the verb is known. */
export function runShardsControl(args: readonly string[], io: ControlCliIo): Promise<number> {
  const verb = args[0];
  const shown = verb !== undefined && Object.hasOwn(VERB_USAGE, verb) ? usage([verb as Verb]) : SHARDS_CONTROL_USAGE;
  return runControlCli(shown, parseShardsControlArgs, args, io);
}
