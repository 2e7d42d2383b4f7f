import { describe, expect, it } from 'vitest';
import { measureBatch } from '../../src/lambda/batching/batch-builder.js';
import type { LambdaRecord } from '../../src/lambda/index.js';
import { Lane } from '../../src/lambda/lanes/lane.js';

function record(seq: number, text: string, atSeconds = 0): LambdaRecord {
  return {
    eventID: 'e',
    eventName: 'INSERT',
    dynamodb: {
      ApproximateCreationDateTime: atSeconds,
      Keys: { id: { S: 'a' } },
      NewImage: { t: { S: text } },
      SequenceNumber: String(1e20 + seq),
      SizeBytes: text.length + 3,
    },
  };
}

describe('measureBatch', () => {
  it('stops at the limit, and says whether the limit stopped it', () => {
    const lane = new Lane(0);
    for (let i = 0; i < 5; i++) lane.push(record(i, 'x'));
    expect(measureBatch(lane, 3, 0, 10)).toEqual({ count: 3, full: true });
    expect(measureBatch(lane, 10, 0, 10)).toEqual({ count: 5, full: false });
  });

  it('sends a record over the 6 MB cap alone rather than never', () => {
    const lane = new Lane(0);
    lane.push(record(1, 'y'.repeat(7 * 1024 * 1024)));
    lane.push(record(2, 'z'));
    expect(measureBatch(lane, 100, 0, 10)).toEqual({ count: 1, full: true });
  });

  it('keeps a batch within one tumbling window', () => {
    const lane = new Lane(0);
    lane.push(record(1, 'a', 0));
    lane.push(record(2, 'b', 59));
    lane.push(record(3, 'c', 60));
    expect(measureBatch(lane, 100, 60_000, 10)).toEqual({ count: 2, full: true });
  });
});
