/** The `shardline` program's first word: which subcommand to run, or its own help and version. */

export const SHARDLINE_USAGE = `Usage: shardline <command> [options]

An in-memory DynamoDB with DynamoDB Streams, on a clock you control.

Commands:
  serve           serve DynamoDB and DynamoDB Streams over HTTP (shardline serve --help)
  clock           read or move a served manual clock (shardline clock --help)
  shards          draw a stream's shards, or split, merge, roll over and trim them (shardline shards --help)

Options:
  -h, --help      show this help
  -v, --version   print shardline's version
`;

/** What the first argument asks for; `unknown` carries the word that is not a command, for the message. */
export type ShardlineCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'serve'; args: readonly string[] }
  | { kind: 'clock'; args: readonly string[] }
  | { kind: 'shards-control'; args: readonly string[] }
  | { kind: 'shards-picture'; args: readonly string[] }
  | { kind: 'unknown'; word: string };

const SHARD_VERBS = new Set(['split', 'merge', 'rollover', 'trim']);

/** Reads `shardline`'s arguments (without `node` and the script). Bare `shardline` asks for the help. */
export function chooseCommand(args: readonly string[]): ShardlineCommand {
  const [first] = args;
  switch (first) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      return { kind: 'help' };
    case '-v':
    case '--version':
      return { kind: 'version' };
    case 'serve':
      // serve's parser takes the word itself too, so that `shardline serve serve` is refused as an extra argument.
      return { kind: 'serve', args };
    case 'clock':
      return { kind: 'clock', args: args.slice(1) };
    case 'shards':
      // `shards split|merge|rollover|trim ...` shapes a stream; `shards [--svg FILE] ...` draws one.
      return SHARD_VERBS.has(args[1] ?? '')
        ? { kind: 'shards-control', args: args.slice(1) }
        : { kind: 'shards-picture', args: args.slice(1) };
    default:
      return { kind: 'unknown', word: first };
  }
}
