import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runConsumerExample } from '../examples/consumer.js';

describe('examples/consumer.ts (the "Consuming the stream" example of docs/consuming.md)', () => {
  it('survives a split, a restart and a 25-hour gap, and reports exactly the one record trimmed unread', async () => {
    const lines: string[] = [];
    const { view, lost } = await runConsumerExample((line) => lines.push(line));
    expect(lost).toBe(1);
    // Bob's +5 was written 25.5 h before the consumer came back: trimmed, reported, not applied.
    expect(Object.fromEntries(view)).toEqual({ alice: 111, bob: 110, carol: 110, dave: 10, erin: 7 });
    expect(lines.slice(0, 6)).toEqual([
      'run 1: 3 records',
      'run 1, after the split: 4 records',
      'run 2, restarted: 1 record',
      '  trimmed before it was read: 1 record(s) in shardId-00000001767225600000-4f918f0f',
      'run 3, after 25 h: 1 record(s), 1 lost',
      'view: alice=111 bob=110 carol=110 dave=10 erin=7',
    ]);
  });

  it('is printed in docs/consuming.md word for word', () => {
    const readme = readFileSync(new URL('../docs/consuming.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/consumer.ts', import.meta.url), 'utf8');
    expect(readme).toContain('```typescript\n' + example + '```');
  });
});
