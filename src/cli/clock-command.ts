/** `shardline clock now|advance <duration>|set <ISO-8601>`: reads or moves a served manual clock. */
import { DURATION_EXAMPLES, readDurationText } from '../clock/duration-text.js';
import { parseIsoTime } from '../clock/iso-time.js';
import type { ClockReading } from '../wire/control/clock-reading.js';
import {
  COMMON_OPTIONS,
  PROCESS_IO,
  endpointOption,
  runControlCli,
  type ControlCall,
  type ControlCliIo,
} from './control-cli.js';
import { UsageError, parseCommandLine } from './command-line.js';

export const CLOCK_USAGE = `Usage: shardline clock now|advance <duration>|set <time> [options]

Reads or moves the clock of a server started with \`shardline serve --clock manual\` (docs/time-travel.md).
Moving it fires every rollover, trim, expiry and TTL deletion that falls due, each at its own time.

Commands:
  now                 print the server's time (any clock)
  advance <duration>  move the clock forward: 25h, 90m, 1d2h30m, 45s, 1500ms, or milliseconds
  set <time>          move the clock to a time, ISO-8601 with a zone (2026-01-02T00:00:00Z), never backwards

Options:
${COMMON_OPTIONS}
`;

/** Parses `shardline clock`'s arguments (without the word `clock`). */
export function parseClockArgs(args: readonly string[]): ControlCall {
  const parsed = parseCommandLine(args, {
    endpoint: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  const [verb, value, extra] = positionals;
  const common = { help: values.help === true, endpoint: endpointOption(values.endpoint), json: values.json === true };
  const none = { ...common, operation: 'GetClock', input: {}, describe: describeReading };
  if (common.help) return none;
  if (verb === undefined) throw new UsageError('say what to do with the clock: now, advance <duration> or set <time>');
  if (verb !== 'now' && verb !== 'advance' && verb !== 'set')
    throw new UsageError(`unknown clock command '${verb}': the commands are now, advance and set`);
  if (verb === 'now') {
    if (value !== undefined) throw new UsageError(`Unexpected argument '${value}': 'clock now' takes none`);
    return none;
  }
  if (value === undefined)
    throw new UsageError(
      verb === 'advance'
        ? `'clock advance' needs a duration: ${DURATION_EXAMPLES}`
        : `'clock set' needs a time, ISO-8601 with a zone`,
    );
  if (extra !== undefined) throw new UsageError(`Unexpected argument '${extra}'`);
  if (verb === 'advance') {
    const reading = readDurationText(value);
    if (!('ms' in reading)) throw new UsageError(reading.problem);
    return { ...common, operation: 'AdvanceClock', input: { By: value }, describe: describeReading };
  }
  if (parseIsoTime(value) === undefined)
    throw new UsageError(`'${value}' is not an ISO-8601 time with a zone, such as 2026-01-02T00:00:00Z`);
  return { ...common, operation: 'SetClock', input: { Time: value }, describe: describeReading };
}

function describeReading(answer: unknown): string {
  const { Now, EpochMillis, Manual } = answer as ClockReading;
  return `${Now} (${EpochMillis} ms, ${Manual ? 'manual' : 'system'} clock)`;
}

/** Runs `shardline clock ...` (args exclude the word `clock`); sets `process.exitCode`. */
export async function clockCommand(args: readonly string[], io: ControlCliIo = PROCESS_IO): Promise<void> {
  process.exitCode = await runClock(args, io);
}

/** The same, returning the exit code. */
export function runClock(args: readonly string[], io: ControlCliIo): Promise<number> {
  return runControlCli(CLOCK_USAGE, parseClockArgs, args, io);
}
