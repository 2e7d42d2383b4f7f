import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { assertCheckpoint, type Checkpoint, type CheckpointStore } from './checkpoint.js';

/**
 * A checkpoint in a JSON file, written atomically and durably: a temporary file, fsync, rename, directory
 * fsync. Temporary files (`<file>.<pid>-<thread>.<n>.tmp`) of writers no longer running are removed on open;
 * the pid in the name is why one file shared between hosts is not supported.
 */
export class JsonFileCheckpointStore implements CheckpointStore {
  readonly path: string;
  #writes = 0;

  constructor(path: string) {
    this.path = path;
    removeStaleTemporaryFiles(path);
  }

  load(): Checkpoint | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      // JSON.parse's own message names neither the file nor what it should hold.
      throw new SyntaxError(
        `${this.path} does not hold a checkpoint: it is not valid JSON (${(error as Error).message})`,
        { cause: error },
      );
    }
    assertCheckpoint(value, this.path);
    return value;
  }

  save(checkpoint: Checkpoint): void {
    const directory = dirname(this.path);
    mkdirSync(directory, { recursive: true });
    const temporary = `${this.path}.${process.pid}-${threadId}.${this.#writes++}.tmp`;
    let descriptor: number | undefined;
    try {
      descriptor = openSync(temporary, 'w');
      writeFileSync(descriptor, `${JSON.stringify(checkpoint, null, 2)}\n`, 'utf8');
      // On disk before the rename makes it the checkpoint: otherwise a power loss can leave the new name on an
      // empty or partial file.
      fsyncSync(descriptor);
      closeSync(descriptor);
      descriptor = undefined;
      renameSync(temporary, this.path);
    } catch (error) {
      // A failed write (disk full, a failed rename) must not leave a half-written temporary file behind.
      if (descriptor !== undefined) closeQuietly(descriptor);
      rmSync(temporary, { force: true });
      throw error;
    }
    // The rename is an entry in the directory: flushed too, or a power loss can bring back the old checkpoint.
    syncDirectory(directory);
  }
}

/** `<file>.<pid>-<thread>.<n>.tmp`, and `<file>.<pid>.<n>.tmp` as earlier versions named them. */
function temporaryFileOwner(name: string, file: string): { pid: number; thread: number | undefined } | undefined {
  if (!name.startsWith(`${file}.`) || !name.endsWith('.tmp')) return undefined;
  const match = /^(\d+)(?:-(\d+))?\.\d+$/.exec(name.slice(file.length + 1, -'.tmp'.length));
  if (match === null) return undefined;
  return { pid: Number(match[1]), thread: match[2] === undefined ? undefined : Number(match[2]) };
}

/**
 * Removes the temporary files a crashed save left beside `path`: those of a process that no longer runs, and
 * this thread's own (its saves are synchronous, so none is in progress). Another live process's, or another
 * thread's of this process, may be a save in progress: kept.
 */
function removeStaleTemporaryFiles(path: string): void {
  const directory = dirname(path);
  const file = basename(path);
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const name of names) {
    const owner = temporaryFileOwner(name, file);
    if (owner === undefined) continue;
    const ours = owner.pid === process.pid;
    if (ours ? owner.thread !== threadId : isRunning(owner.pid)) continue;
    rmSync(join(directory, name), { force: true });
  }
}

/** Whether a process with this pid runs (signal 0 checks without sending; EPERM: it runs, as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** fsync of a directory, where the platform has it (Windows cannot open a directory: nothing to do there). */
function syncDirectory(directory: string): void {
  let descriptor: number;
  try {
    descriptor = openSync(directory, 'r');
  } catch (error) {
    if (isUnsupported(error)) return;
    throw error;
  }
  try {
    fsyncSync(descriptor);
  } catch (error) {
    if (!isUnsupported(error)) throw error;
  } finally {
    closeSync(descriptor);
  }
}

function isUnsupported(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EISDIR' || code === 'EPERM' || code === 'EINVAL' || code === 'ENOTSUP';
}

function closeQuietly(descriptor: number): void {
  try {
    closeSync(descriptor);
  } catch {
    // Already failing: the first error is the one to report.
  }
}
