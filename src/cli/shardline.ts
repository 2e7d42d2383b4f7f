#!/usr/bin/env node
/**
 * The `shardline` program: `shardline serve [options]`, `shardline --help`, `shardline --version`. Bare
 * `shardline` prints the help (exit 0); a word that is not a command prints it to stderr (exit 2).
 */
import { readFileSync } from 'node:fs';
import { SHARDLINE_USAGE, chooseCommand } from './shardline-command.js';
import { serve } from './serve.js';
import { clockCommand } from './clock-command.js';
import { shardsControlCommand } from './shards-control-command.js';
import { shardsPictureCommand } from './shards-picture-command.js';

/** package.json's version, read where it is installed: two levels up from src/cli/ and from dist/cli/ alike. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

async function main(args: readonly string[]): Promise<void> {
  const command = chooseCommand(args);
  switch (command.kind) {
    case 'help':
      process.stdout.write(SHARDLINE_USAGE);
      return;
    case 'version':
      process.stdout.write(`${packageVersion()}\n`);
      return;
    case 'serve':
      return serve(command.args);
    case 'clock':
      return clockCommand(command.args);
    case 'shards-control':
      return shardsControlCommand(command.args);
    case 'shards-picture':
      return shardsPictureCommand(command.args);
    case 'unknown':
      process.stderr.write(`shardline: unknown command '${command.word}'\n\n${SHARDLINE_USAGE}`);
      process.exitCode = 2;
      return;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`shardline: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
