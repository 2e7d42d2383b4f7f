/**
 * The `shardline` program as a user runs it, spawned through tsx from the sources: `shardline serve` (stopped as
 * Ctrl-C stops it, a signal to its whole process group) and one-shot commands (`shardline clock now`).
 */
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The tsx that `npx tsx` runs. Spawned directly rather than through npx: npm re-raises a signal it receives,
// so npx's own exit status would hide the server's.
export const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `shardline serve`; `onFirstLine` gets the first stdout line and the child's process-group id. */
export function runServe(args: string[], onFirstLine?: (line: string, group: number) => void): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['src/cli/shardline.ts', 'serve', ...args], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let told = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (!told && stdout.includes('\n')) {
        told = true;
        onFirstLine?.(stdout.slice(0, stdout.indexOf('\n')), child.pid!);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A running `shardline serve`: its endpoint, and `stop()`, which sends SIGINT to its group and awaits its exit. */
export interface ServeProcess {
  endpoint: string;
  stop(): Promise<Exit>;
}

export function startServe(args: string[]): Promise<ServeProcess> {
  return new Promise((resolve, reject) => {
    let group: number | undefined;
    const exited = runServe(args, (endpoint, pid) => {
      group = pid;
      resolve({
        endpoint,
        stop: () => {
          process.kill(-pid, 'SIGINT');
          return exited;
        },
      });
    });
    void exited.then((exit) => {
      if (group === undefined) reject(new Error(`shardline serve exited before it listened: ${exit.stderr}`));
    }, reject);
  });
}

/** Runs a one-shot `shardline <args>` to its end; never rejects for an exit code. */
export function runShardline(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Exit> {
  return new Promise((resolve, reject) => {
    execFile(TSX, ['src/cli/shardline.ts', ...args], { cwd: ROOT, env }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      resolve({ code: error === null ? 0 : (error.code as number), signal: null, stdout, stderr });
    });
  });
}
