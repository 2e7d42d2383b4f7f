/**
 * The suite's own machinery: the normaliser replaces only what must differ, a difference in a scenario is
 * caught, and the known-differences list and its explanation (known-differences.md) agree.
 */
import { readFileSync } from 'node:fs';
import { PutItemCommand, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { KNOWN_DIFFERENCES } from './known-differences.js';
import { normalise } from './normalise.js';
import { runBoth } from './scenario.js';
import { readStream } from './stream-reading.js';

describe('normalise', () => {
  it('ranks sequence numbers within a scope, keeps their order and equality, and hides the start', () => {
    const transcript = [
      {
        step: 'a',
        result: {
          output: {
            Records: [
              { dynamodb: { SequenceNumber: '000000000000000000012' } },
              { dynamodb: { SequenceNumber: '000000000000000000009' } },
            ],
          },
        },
      },
      {
        step: 'b',
        result: {
          output: {
            SequenceNumberRange: {
              StartingSequenceNumber: '000000000000000000001',
              EndingSequenceNumber: '000000000000000000012',
            },
          },
        },
      },
      { step: 'c', scope: 'other', result: { output: { SequenceNumber: '100000000000000000050' } } },
    ];
    expect(normalise(transcript)).toEqual([
      {
        step: 'a',
        result: {
          output: {
            Records: [{ dynamodb: { SequenceNumber: '<seq#2>' } }, { dynamodb: { SequenceNumber: '<seq#1>' } }],
          },
        },
      },
      {
        step: 'b',
        result: {
          output: { SequenceNumberRange: { StartingSequenceNumber: '<start>', EndingSequenceNumber: '<seq#2>' } },
        },
      },
      { step: 'c', scope: 'other', result: { output: { SequenceNumber: '<seq#1>' } } },
    ]);
  });

  it('numbers labels per table and shards in order of appearance, inside ARNs and messages too', () => {
    const arn = (table: string, label: string) =>
      `arn:aws:dynamodb:ddblocal:000000000000:table/${table}/stream/${label}`;
    const transcript = [
      {
        step: 'a',
        result: {
          output: {
            StreamArn: arn('t1', '2026-01-01T00:00:00.000'),
            TableName: 't1',
            StreamLabel: '2026-01-01T00:00:00.000',
          },
        },
      },
      {
        step: 'b',
        result: {
          output: { StreamArn: arn('t2', '2026-01-01T00:00:00.000'), ShardId: 'shardId-00000001767225600000-0a1b2c3d' },
        },
      },
      {
        step: 'c',
        result: {
          error: {
            status: 400,
            type: 'x',
            message: `Stream: ${arn('t1', '2026-02-02T00:00:00.000')} not found; shardId-00000001767225600000-0a1b2c3d`,
          },
        },
      },
    ];
    expect(normalise(transcript)).toEqual([
      {
        step: 'a',
        result: {
          output: {
            StreamArn: 'arn:aws:dynamodb:<region>:<account>:table/t1/stream/<label#1>',
            TableName: 't1',
            StreamLabel: '<label#1>',
          },
        },
      },
      {
        step: 'b',
        result: {
          output: { StreamArn: 'arn:aws:dynamodb:<region>:<account>:table/t2/stream/<label#1>', ShardId: '<shard#1>' },
        },
      },
      {
        step: 'c',
        result: {
          error: {
            status: 400,
            type: 'x',
            message: 'Stream: arn:aws:dynamodb:<region>:<account>:table/t1/stream/<label#2> not found; <shard#1>',
          },
        },
      },
    ]);
  });

  it('replaces times, eventIDs, iterators and regions, sorts set members, and leaves item data alone', () => {
    const transcript = [
      {
        step: 'a',
        result: {
          output: {
            $metadata: { requestId: 'r' },
            CreationDateTime: new Date(0),
            Item: { s: { S: 'arn:aws:dynamodb:x:1:table/t' }, ss: { SS: ['b', 'a'] }, ns: { NS: ['10', '9'] } },
            Records: [
              { eventID: 'abc', awsRegion: 'ddblocal', dynamodb: { ApproximateCreationDateTime: new Date(1) } },
            ],
            NextShardIterator: 'it',
          },
        },
      },
    ];
    expect(normalise(transcript)).toEqual([
      {
        step: 'a',
        result: {
          output: {
            CreationDateTime: '<Date>',
            Item: { s: { S: 'arn:aws:dynamodb:x:1:table/t' }, ss: { SS: ['a', 'b'] }, ns: { NS: ['10', '9'] } },
            Records: [
              { eventID: '<eventID>', awsRegion: '<region>', dynamodb: { ApproximateCreationDateTime: '<Date>' } },
            ],
            NextShardIterator: '<iterator>',
          },
        },
      },
    ]);
  });
});

describe('the comparison', () => {
  it('catches a difference in what a scenario records: one more write on one side changes the stream', async () => {
    const { shardline, ddbLocal } = await runBoth(async (context) => {
      const { client, side, table } = context;
      const name = table('harness_teeth');
      await client.send(
        new CreateTableCommand({
          TableName: name,
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
        }),
      );
      await client.send(new PutItemCommand({ TableName: name, Item: { id: { S: 'a' } } }));
      if (side.name === 'shardline')
        await client.send(new PutItemCommand({ TableName: name, Item: { id: { S: 'a' }, extra: { BOOL: true } } }));
      await readStream(context, name, 'stream');
    });
    expect(shardline).not.toEqual(ddbLocal);
    // The same steps were recorded on both sides; only the stream's content differs.
    expect(shardline.map((entry) => entry.step)).toEqual(ddbLocal.map((entry) => entry.step));
  });
});

describe('known differences', () => {
  it('each one is explained in known-differences.md, and the file lists no other', () => {
    const text = readFileSync(new URL('./known-differences.md', import.meta.url), 'utf8');
    const listed = [...text.matchAll(/^### `([a-z0-9-]+)`/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual(Object.keys(KNOWN_DIFFERENCES).sort());
  });
});
