/**
 * The `shardline` program's own words: subcommands, --help, --version, and bare `shardline` printing the help
 * rather than starting a server. `shardline serve` itself: ./serve.test.ts.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHARDLINE_USAGE, chooseCommand } from '../../src/cli/shardline-command.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('chooseCommand', () => {
  it('bare shardline, help, -h and --help ask for the help', () => {
    for (const args of [[], ['help'], ['-h'], ['--help'], ['--help', 'serve']])
      expect(chooseCommand(args)).toEqual({ kind: 'help' });
  });

  it('-v and --version ask for the version', () => {
    expect(chooseCommand(['--version'])).toEqual({ kind: 'version' });
    expect(chooseCommand(['-v'])).toEqual({ kind: 'version' });
  });

  it('serve gets every argument, its own word included', () => {
    expect(chooseCommand(['serve', '--port', '0'])).toEqual({ kind: 'serve', args: ['serve', '--port', '0'] });
  });

  it('anything else, an option before any command included, is not a command', () => {
    expect(chooseCommand(['start'])).toEqual({ kind: 'unknown', word: 'start' });
    expect(chooseCommand(['--port', '0'])).toEqual({ kind: 'unknown', word: '--port' });
  });
});

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the `shardline` program to its end (each of these exits on its own, without serving). */
function runShardline(args: string[]): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['src/cli/shardline.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('shardline, the program', () => {
  it('bare shardline prints the help and exits 0 instead of starting a server; so does --help', async () => {
    const exits = await Promise.all([runShardline([]), runShardline(['--help'])]);
    for (const exit of exits) expect(exit).toEqual({ code: 0, stdout: SHARDLINE_USAGE, stderr: '' });
    expect(SHARDLINE_USAGE).toMatch(/^ {2}serve /m);
  });

  it("--version prints package.json's version", async () => {
    expect(await runShardline(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown subcommand prints why and the help to stderr, and exits 2', async () => {
    const unknown = await runShardline(['start']);
    expect(unknown).toEqual({
      code: 2,
      stdout: '',
      stderr: `shardline: unknown command 'start'\n\n${SHARDLINE_USAGE}`,
    });
  });
});
