import { describe, expect, it } from 'vitest';
import { DynamoDBStreams } from '@aws-sdk/client-dynamodb-streams';
import { type StreamSource } from '../../src/index.js';
import { sdkStreamSource } from '../../src/public/reader.js';
import { createAwsHandler } from '../../src/public/wire.js';
import { embeddedSource } from '../../src/reader/index.js';
import { attachLambda } from '../../src/lambda/index.js';
import { ids, putMany, setup } from '../support/lambda-fixture.js';

/** The embedded stream behind promises, as an AWS SDK source answers: no `onRecords`, every call asynchronous. */
function asynchronous(source: StreamSource): StreamSource {
  return {
    streamArn: source.streamArn,
    describeStream: async (input) => source.describeStream(input),
    getShardIterator: async (input) => source.getShardIterator(input),
    getRecords: async (input) => source.getRecords(input),
    now: () => source.now(),
    schedule: (at, callback) => source.schedule(at, callback),
  };
}

describe('an asynchronous stream source (an AWS SDK DynamoDBStreamsClient)', () => {
  it('is read in the background, with the same batches, lineage and retries', async () => {
    const { table, clock } = await setup();
    const stream = table.stream!;
    const delivered: string[] = [];
    let failures = 2;
    const mapping = attachLambda(
      asynchronous(embeddedSource(stream)),
      (event) => {
        if (failures-- > 0) throw new Error('transient');
        delivered.push(...ids(event));
      },
      { StartingPosition: 'TRIM_HORIZON', BatchSize: 3, ParallelizationFactor: 2, clock },
    );
    putMany(table, 4, 'a');
    await mapping.runUntilIdle();
    stream.splitShard(stream.listShards()[0]!.shardId);
    putMany(table, 4, 'b');
    // Written while the mapping is idle: an SDK source cannot say so, so runUntilIdle() reads once more first.
    await mapping.runUntilIdle();
    expect([...delivered].sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'b0', 'b1', 'b2', 'b3']);
    expect(mapping.metrics()).toMatchObject({ errors: 2, recordsDelivered: 8 });
    expect(mapping.metrics().shards.map((shard) => shard.status)).toEqual(['done', 'processing', 'processing']);
    // drain() cannot wait for the source's answers.
    putMany(table, 1, 'c');
    expect(() => mapping.drain()).toThrow('answered with a promise');
    await mapping.runUntilIdle();
    expect(delivered).toContain('c0');
  });

  it('reports a failed read and tries again at the next poll', async () => {
    const { table, clock } = await setup();
    const source = asynchronous(embeddedSource(table.stream!));
    let failReads = 1;
    let failDescribes = 1;
    const flaky: StreamSource = {
      ...source,
      describeStream: async (input) => {
        if (failDescribes-- > 0) throw new Error('unreachable');
        return source.describeStream(input);
      },
      getRecords: async (input) => {
        if (failReads-- > 0) throw new Error('throttled');
        return source.getRecords(input);
      },
    };
    const errors: unknown[] = [];
    const seen: string[] = [];
    const mapping = attachLambda(flaky, (event) => void seen.push(...ids(event)), {
      StartingPosition: 'TRIM_HORIZON',
      clock,
    });
    mapping.on('pollError', ({ error }) => errors.push(String(error)));
    putMany(table, 2);
    await mapping.runUntilIdle();
    expect(errors).toEqual(['Error: unreachable', 'Error: throttled']);
    expect(seen).toEqual(['k0', 'k1']);
  });

  it('runs over the AWS SDK: a DynamoDBStreams client answered in process', async () => {
    const { table, clock, db } = await setup();
    const sdkConfig = {
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: createAwsHandler(db),
      maxAttempts: 1,
    };
    const source = sdkStreamSource(new DynamoDBStreams(sdkConfig), { streamArn: table.stream!.arn, clock });
    const seen: string[] = [];
    const mapping = attachLambda(source, (event) => void seen.push(...ids(event)), {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 2,
      clock,
    });
    putMany(table, 3);
    await mapping.runUntilIdle();
    expect(seen).toEqual(['k0', 'k1', 'k2']);
    expect(mapping.history.map((h) => h.records.length)).toEqual([2, 1]);
    expect(mapping.history[0]!.records[0]!.eventSourceARN).toBe(table.stream!.arn);
  });
});
