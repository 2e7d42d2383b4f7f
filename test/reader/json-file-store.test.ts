import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JsonFileCheckpointStore, SHARD_END, StreamReader } from '../../src/index.js';
import { ids, setup } from './helpers.js';

// node:fs as it is, with writeFileSync and renameSync wrapped so a test can make one of them fail.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, writeFileSync: vi.fn(actual.writeFileSync), renameSync: vi.fn(actual.renameSync) };
});
const real = await vi.importActual<typeof import('node:fs')>('node:fs');

const SEQ_1 = '100000000000000000001';
const SEQ_2 = '100000000000000000002';

let directory: string;
beforeEach(() => {
  directory = fs.mkdtempSync(join(tmpdir(), 'shardline-checkpoints-'));
});
afterEach(() => {
  vi.mocked(fs.writeFileSync).mockClear();
  vi.mocked(fs.renameSync).mockClear();
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
    const writes = vi.mocked(fs.writeFileSync).mock.calls.map(([file]) => String(file));
    const renames = vi.mocked(fs.renameSync).mock.calls.map(([from, to]) => [String(from), String(to)]);
    expect(writes).toHaveLength(5);
    expect(new Set(writes).size).toBe(5);
    for (const [i, temporary] of writes.entries()) {
      expect(temporary.startsWith(`${store.path}.`) && temporary.endsWith('.tmp')).toBe(true);
      expect(renames[i]).toEqual([temporary, store.path]);
    }
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
    expect(() => store.load()).toThrow(new TypeError(`${store.path}: shard shardId-a has an invalid position "yesterday"`));
  });

  it('a reader resumed with fromStore from the file sees no record twice', async () => {
    const { table, stream } = await setup();
    for (const id of ['a', 'b', 'c']) table.put({ id });
    const store = new JsonFileCheckpointStore(join(directory, 'checkpoint.json'));
    const first = StreamReader.fromStore(stream, store, { limit: 2 });
    const [batch] = first.poll();
    store.save(batch!.checkpoint);
    table.put({ id: 'd' });
    expect(ids(StreamReader.fromStore(stream, new JsonFileCheckpointStore(store.path)).drainRecords())).toEqual(['c', 'd']);
  });
});
