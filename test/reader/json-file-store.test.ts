import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SHARD_END, StreamReader } from '../../src/index.js';
import { JsonFileCheckpointStore } from '../../src/public/reader.js';
import { setup } from '../support/reader-fixture.js';
import { ids } from '../support/reader-results.js';

// node:fs as it is, with the calls a save makes wrapped, so a test can see their order or make one fail.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    openSync: vi.fn(actual.openSync),
    writeFileSync: vi.fn(actual.writeFileSync),
    fsyncSync: vi.fn(actual.fsyncSync),
    closeSync: vi.fn(actual.closeSync),
    renameSync: vi.fn(actual.renameSync),
  };
});
const real = await vi.importActual<typeof import('node:fs')>('node:fs');
const wrapped = ['openSync', 'writeFileSync', 'fsyncSync', 'closeSync', 'renameSync'] as const;

const SEQ_1 = '100000000000000000001';
const SEQ_2 = '100000000000000000002';

let directory: string;
beforeEach(() => {
  directory = fs.mkdtempSync(join(tmpdir(), 'shardline-checkpoints-'));
});
afterEach(() => {
  for (const name of wrapped) vi.mocked(fs[name]).mockClear();
  fs.chmodSync(directory, 0o700);
  fs.rmSync(directory, { recursive: true, force: true });
});

const files = () => fs.readdirSync(directory).sort();

describe('JsonFileCheckpointStore', () => {
  it('loads nothing before the first save, then what was saved, as readable JSON', () => {
    const store = new JsonFileCheckpointStore(join(directory, 'checkpoint.json'));
    expect(store.load()).toBeUndefined();
    store.save({ 'shardId-a': SEQ_1, 'shardId-b': SHARD_END });
    expect(store.load()).toEqual({ 'shardId-a': SEQ_1, 'shardId-b': SHARD_END });
    expect(fs.readFileSync(store.path, 'utf8')).toBe(`{\n  "shardId-a": "${SEQ_1}",\n  "shardId-b": "SHARD_END"\n}\n`);
    store.save({ 'shardId-a': SEQ_2 });
    expect(store.load()).toEqual({ 'shardId-a': SEQ_2 });
  });

  it('creates missing directories', () => {
    const store = new JsonFileCheckpointStore(join(directory, 'a', 'b', 'checkpoint.json'));
    store.save({ s: 'TRIM_HORIZON' });
    expect(store.load()).toEqual({ s: 'TRIM_HORIZON' });
  });

  it('writes atomically: a temporary file beside the target, renamed over it, none left behind', () => {
    const store = new JsonFileCheckpointStore(join(directory, 'checkpoint.json'));
    for (let i = 0; i < 5; i++) store.save({ s: `10000000000000000000${i}` });
    expect(files()).toEqual(['checkpoint.json']);
    const temporaries = vi
      .mocked(fs.openSync)
      .mock.calls.map(([file]) => String(file))
      .filter((file) => file !== directory);
    const renames = vi.mocked(fs.renameSync).mock.calls.map(([from, to]) => [String(from), String(to)]);
    expect(temporaries).toHaveLength(5);
    expect(new Set(temporaries).size).toBe(5);
    for (const [i, temporary] of temporaries.entries()) {
      // <file>.<pid>-<thread>.<n>.tmp: whose it is, so a cleanup can tell a crashed writer's from a live one's.
      expect(temporary).toBe(`${store.path}.${process.pid}-${threadId}.${i}.tmp`);
      expect(renames[i]).toEqual([temporary, store.path]);
    }
  });

  it('is durable: the file is fsynced before the rename, and the directory after it', () => {
    // The bug: no fsync at all, so a checkpoint that survived a kill might not survive a power loss.
    const store = new JsonFileCheckpointStore(join(directory, 'checkpoint.json'));
    const calls: string[] = [];
    const descriptors = new Map<number, string>();
    const name = (file: unknown) =>
      String(file) === directory ? 'dir' : String(file) === store.path ? 'file' : 'temp';
    vi.mocked(fs.openSync).mockImplementation((file, flags) => {
      const descriptor = real.openSync(file, flags);
      descriptors.set(descriptor, name(file));
      calls.push(`open ${name(file)}`);
      return descriptor;
    });
    vi.mocked(fs.writeFileSync).mockImplementation((file, data, options) => {
      calls.push(`write ${descriptors.get(file as number) ?? name(file)}`);
      real.writeFileSync(file, data, options);
    });
    vi.mocked(fs.fsyncSync).mockImplementation((descriptor) => {
      calls.push(`fsync ${descriptors.get(descriptor)}`);
      real.fsyncSync(descriptor);
    });
    vi.mocked(fs.closeSync).mockImplementation((descriptor) => {
      calls.push(`close ${descriptors.get(descriptor)}`);
      real.closeSync(descriptor);
    });
    vi.mocked(fs.renameSync).mockImplementation((from, to) => {
      calls.push(`rename ${name(from)} -> ${name(to)}`);
      real.renameSync(from, to);
    });
    try {
      store.save({ s: SEQ_1 });
    } finally {
      for (const wrappedName of wrapped) vi.mocked(fs[wrappedName]).mockRestore();
    }
    expect(calls).toEqual([
      'open temp',
      'write temp',
      'fsync temp',
      'close temp',
      'rename temp -> file',
      'open dir',
      'fsync dir',
      'close dir',
    ]);
    expect(store.load()).toEqual({ s: SEQ_1 });
  });

  it('opening the store removes the temporary files of a save that crashed, and only those', () => {
    // The bug: a process killed between the write and the rename left its *.tmp file there for good.
    const dead = spawnSync(process.execPath, ['-e', '']).pid; // a process that has exited
    const path = join(directory, 'checkpoint.json');
    real.writeFileSync(path, `{"s": "${SEQ_1}"}`);
    const stale = [
      `checkpoint.json.${dead}-0.3.tmp`,
      `checkpoint.json.${dead}.7.tmp`,
      `checkpoint.json.${process.pid}-${threadId}.0.tmp`,
    ];
    // A live process's (the parent of this one) and another thread's of this process: saves that may be in progress.
    const live = [`checkpoint.json.${process.ppid}-0.2.tmp`, `checkpoint.json.${process.pid}-${threadId + 1}.0.tmp`];
    const unrelated = ['checkpoint.json.bak', 'other.json.1.0.tmp', `checkpoint.json.${dead}-0.x.tmp`];
    for (const name of [...stale, ...live, ...unrelated]) real.writeFileSync(join(directory, name), '{"s": "10');
    const store = new JsonFileCheckpointStore(path);
    expect(files()).toEqual(['checkpoint.json', ...live, ...unrelated].sort());
    expect(store.load()).toEqual({ s: SEQ_1 });
    // A store whose directory does not exist yet has nothing to clean.
    expect(() => new JsonFileCheckpointStore(join(directory, 'missing', 'checkpoint.json'))).not.toThrow();
  });

  it('a write that fails halfway (disk full) keeps the previous checkpoint and leaves no temporary file', () => {
    const store = new JsonFileCheckpointStore(join(directory, 'checkpoint.json'));
    store.save({ s: SEQ_1 });
    vi.mocked(fs.writeFileSync).mockImplementationOnce((file, data) => {
      real.writeFileSync(file, String(data).slice(0, 7)); // a torn write
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    expect(() => store.save({ s: SEQ_2 })).toThrow('ENOSPC: no space left on device, write');
    expect(store.load()).toEqual({ s: SEQ_1 });
    expect(files()).toEqual(['checkpoint.json']);
    store.save({ s: SEQ_2 });
    expect(store.load()).toEqual({ s: SEQ_2 });
  });

  it('a rename that fails keeps the previous checkpoint and leaves no temporary file', () => {
    const store = new JsonFileCheckpointStore(join(directory, 'checkpoint.json'));
    store.save({ s: SEQ_1 });
    vi.mocked(fs.renameSync).mockImplementationOnce(() => {
      throw Object.assign(new Error('EXDEV: cross-device link not permitted, rename'), { code: 'EXDEV' });
    });
    expect(() => store.save({ s: SEQ_2 })).toThrow('EXDEV');
    expect(store.load()).toEqual({ s: SEQ_1 });
    expect(files()).toEqual(['checkpoint.json']);
  });

  it('a corrupt file is a clear error naming the file', () => {
    const store = new JsonFileCheckpointStore(join(directory, 'checkpoint.json'));
    for (const text of ['{ "s": "1000', '']) {
      real.writeFileSync(store.path, text);
      expect(() => store.load()).toThrow(SyntaxError);
      expect(() => store.load()).toThrow(`${store.path} does not hold a checkpoint: it is not valid JSON (`);
    }
  });

  it('valid JSON that is not a checkpoint is a clear error naming the file (and the shard)', () => {
    const store = new JsonFileCheckpointStore(join(directory, 'checkpoint.json'));
    real.writeFileSync(store.path, '["shardId-a"]');
    expect(() => store.load()).toThrow(new TypeError(`${store.path} does not hold a checkpoint object`));
    real.writeFileSync(store.path, '{"shardId-a": 42}');
    expect(() => store.load()).toThrow(new TypeError(`${store.path}: shard shardId-a has an invalid position 42`));
    real.writeFileSync(store.path, '{"shardId-a": "yesterday"}');
    expect(() => store.load()).toThrow(
      new TypeError(`${store.path}: shard shardId-a has an invalid position "yesterday"`),
    );
  });

  it('a reader resumed with fromStore from the file sees no record twice', async () => {
    const { table, stream } = await setup();
    for (const id of ['a', 'b', 'c']) table.put({ id });
    const store = new JsonFileCheckpointStore(join(directory, 'checkpoint.json'));
    const first = StreamReader.fromStore(stream, store, { limit: 2 });
    const [batch] = first.poll();
    store.save(batch!.checkpoint);
    table.put({ id: 'd' });
    expect(ids(StreamReader.fromStore(stream, new JsonFileCheckpointStore(store.path)).drainRecords())).toEqual([
      'c',
      'd',
    ]);
  });
});
