/** `shardline shards split|merge|rollover|trim`: CONTRACT PLACEHOLDER, replaced by its owner before it lands. */
export function shardsControlCommand(args: readonly string[]): Promise<void> {
  process.stderr.write(`shardline: not built yet (${args.join(' ')})\n`);
  process.exitCode = 2;
  return Promise.resolve();
}
