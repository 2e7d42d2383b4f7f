/**
 * What `shardline clock` and `shardline shards split|merge|rollover|trim` share: the options every one takes
 * (`--endpoint`, `--json`, `--help`), the call to the server's control interface, and how the answer and errors
 * are told (one line on stdout; errors on stderr, exit 1; a command line that cannot run, exit 2).
 */
import { shardlineControl, type ControlFetch } from '../wire/control/control-client.js';
import { UsageError } from './command-line.js';

/** As `shardline serve` listens by default. */
export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8000';

export const COMMON_OPTIONS = `  --endpoint <url>     the server (default ${DEFAULT_ENDPOINT})
  --json               print the server's JSON answer instead of a line
  -h, --help           show this help`;

/** One control call a command line asks for, or its help. */
export interface ControlCall {
  help: boolean;
  endpoint: string;
  json: boolean;
  operation: string;
  input: Record<string, unknown>;
  /** The one line that tells a person the answer. */
  describe(answer: unknown): string;
}

/** Where a command writes, and how it reaches the server (a test's transport, or the global fetch). */
export interface ControlCliIo {
  out(text: string): void;
  err(text: string): void;
  fetch?: ControlFetch;
}

export const PROCESS_IO: ControlCliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** `--endpoint`'s value: an http(s) URL. */
export function endpointOption(text: string | undefined): string {
  if (text === undefined) return DEFAULT_ENDPOINT;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new UsageError(`--endpoint must be an http:// or https:// URL, got '${text}'`);
  return text;
}

/** Parses, calls and tells; returns the exit code (0, 1 for an error from the server or the network, 2 for usage). */
export async function runControlCli(
  usage: string,
  parse: (args: readonly string[]) => ControlCall,
  args: readonly string[],
  io: ControlCliIo,
): Promise<number> {
  let call: ControlCall;
  try {
    call = parse(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`shardline: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (call.help) {
    io.out(usage);
    return 0;
  }
  const control = shardlineControl(call.endpoint, io.fetch === undefined ? {} : { fetch: io.fetch });
  try {
    const answer = await control.call(call.operation, call.input);
    io.out(call.json ? `${JSON.stringify(answer, null, 2)}\n` : `${call.describe(answer)}\n`);
    return 0;
  } catch (error) {
    const shown = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : error;
    io.err(`shardline: ${String(shown)}\n`);
    return 1;
  }
}
