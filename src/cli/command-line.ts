import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command line that cannot be run: the message says why; the usage follows it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `parseArgs` as every shardline command calls it (strict: an unknown option is refused), with its complaint
 * turned into a UsageError, which the command prints above its usage (exit code 2). Positionals are allowed
 * unless a command takes none.
 */
export function parseCommandLine<const O extends Options, const P extends boolean = true>(
  args: readonly string[],
  options: O,
  allowPositionals: P = true as P,
): ReturnType<typeof parseArgs<{ args: string[]; strict: true; allowPositionals: P; options: O }>> {
  try {
    return parseArgs({ args: [...args], strict: true, allowPositionals, options });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
