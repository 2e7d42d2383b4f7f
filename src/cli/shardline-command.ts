/** The `shardline` program's first word: which subcommand to run, or its own help and version. */

export const SHARDLINE_USAGE = `Usage: shardline <command> [options]

An in-memory DynamoDB with DynamoDB Streams, on a clock you control.

Commands:
  serve           serve DynamoDB and DynamoDB Streams over HTTP (shardline serve --help)

Options:
  -h, --help      show this help
  -v, --version   print shardline's version
`;

/** What the first argument asks for; `unknown` carries the word that is not a command, for the message. */
export type ShardlineCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'serve'; args: readonly string[] }
  | { kind: 'unknown'; word: string };

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
    default:
      return { kind: 'unknown', word: first };
  }
}
