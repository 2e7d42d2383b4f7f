import { readFileSync, renameSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertCheckpoint, type Checkpoint, type CheckpointStore } from './checkpoint.js';

/**
 * A checkpoint in a JSON file, written atomically: to a temporary file beside it, then renamed over it, so
 * a crash mid-write leaves the previous checkpoint intact (rename is atomic within one file system).
 */
export class JsonFileCheckpointStore implements CheckpointStore {
  readonly path: string;
  #writes = 0;

  constructor(path: string) {
    this.path = path;
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
      throw new SyntaxError(`${this.path} does not hold a checkpoint: it is not valid JSON (${(error as Error).message})`, { cause: error });
    }
    assertCheckpoint(value, this.path);
    return value;
  }

  save(checkpoint: Checkpoint): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.${this.#writes++}.tmp`;
    try {
      writeFileSync(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`, 'utf8');
      renameSync(temporary, this.path);
    } catch (error) {
      // A failed write (disk full, a failed rename) must not leave a half-written temporary file behind.
      rmSync(temporary, { force: true });
      throw error;
    }
  }
}
