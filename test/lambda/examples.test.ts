import { describe, expect, it } from 'vitest';
import { runAggregationExample } from '../../examples/lambda-aggregation.js';
import { runReplicationExample } from '../../examples/lambda-replication.js';

describe('examples/lambda-aggregation.ts', () => {
  it('keeps the totals exact: the bad order is reported alone, nothing is counted twice', async () => {
    const lines: string[] = [];
    const { view, failures, metrics } = await runAggregationExample((line) => lines.push(line));
    expect(view).toEqual({ ann: '1 order(s), 20', bob: '1 order(s), 15', cy: '1 order(s), 7' });
    expect(
      failures.map((f) => [
        f.requestContext.condition,
        f.requestContext.approximateInvokeCount,
        f.DDBStreamBatchInfo.batchSize,
      ]),
    ).toEqual([['RetryAttemptsExhausted', 3, 1]]);
    expect(metrics).toMatchObject({ recordsDelivered: 6, recordsDiscarded: 1, partialFailures: 3, errors: 0 });
    expect(lines.slice(0, 3)).toEqual(['ann: 1 order(s), 20', 'bob: 1 order(s), 15', 'cy: 1 order(s), 7']);
  });
});

describe('examples/lambda-replication.ts', () => {
  it('replicates every change but the refused item, which is reported; the outage only delays', async () => {
    const lines: string[] = [];
    const { missing, reported, metrics } = await runReplicationExample((line) => lines.push(line));
    expect(missing).toEqual(['user-7']);
    expect(reported.map((f) => [f.requestContext.condition, f.DDBStreamBatchInfo.batchSize])).toEqual([
      ['RetryAttemptsExhausted', 1],
    ]);
    expect(metrics.recordsDiscarded).toBe(1);
    expect(lines[0]).toBe('source 19 items, replica 19 items, differing: user-7');
    expect(lines[2]).toBe('lanes used: 4');
  });
});
