import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runTrimmedConsumer } from '../examples/trimmed-consumer.js';
import { listen } from '../src/public/wire.js';
import { makeDb } from './support/database.js';
import { T0 } from './support/time.js';

describe('examples/trimmed-consumer.ts (the TypeScript example of docs/time-travel.md)', () => {
  it('reads, loses the two records written while it was away 25 hours, and restarts from TRIM_HORIZON', async () => {
    // What `shardline serve --clock manual --start <T0>` serves, in this process.
    const { db } = await makeDb();
    const server = await listen(db, { port: 0 });
    const lines: string[] = [];
    try {
      const { lost, readAfterRestart } = await runTrimmedConsumer(server.endpoint, (line) => lines.push(line));
      expect(lost).toEqual(['unread-0', 'unread-1']);
      expect(readAfterRestart).toEqual(['after']);
      expect(lines).toEqual([
        'read 3 records, checkpoint 100000000000000000003',
        `clock advanced to ${new Date(T0 + 25 * 3_600_000).toISOString()}`,
        'checkpoint 100000000000000000003 is past the trim horizon: restarting from TRIM_HORIZON',
        'lost 2 records to the trim horizon: unread-0, unread-1',
        'read 1 record(s) after the restart: after',
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('docs/time-travel.md', () => {
  it('prints examples/python/trimmed_consumer.py word for word (the TypeScript one: doc-test same-as)', () => {
    const docs = readFileSync(new URL('../docs/time-travel.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/python/trimmed_consumer.py', import.meta.url), 'utf8');
    expect(docs).toContain('```python\n' + example + '```');
  });
});
