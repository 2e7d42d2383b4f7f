/** `shardline clock now|advance|set`: CONTRACT PLACEHOLDER, replaced by its owner before it lands. */
export function clockCommand(args: readonly string[]): Promise<void> {
  process.stderr.write(`shardline: not built yet (${args.join(' ')})\n`);
  process.exitCode = 2;
  return Promise.resolve();
}
