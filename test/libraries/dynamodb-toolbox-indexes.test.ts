/**
 * dynamodb-toolbox 2.10's index queries, as its docs write them: a Table whose `indexes` name a global index
 * (`type: 'global'`, its own partition and sort key), a local one (`type: 'local'`, a sort key on the table's
 * partition) and a sparse global one (its sort key an optional attribute), read by the table's QueryCommand with
 * `query({ index, partition, range })`, paged and in reverse. The stream is read after the writes: an index never
 * adds a record of its own. The steps run in order on one table. See library-endpoint.ts for the endpoints.
 */
import { Entity } from 'dynamodb-toolbox/entity';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import { $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { Table } from 'dynamodb-toolbox/table';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryEndpoint, tableName, type LibraryEndpoint, type StreamTail } from './library-endpoint.js';

const TABLE = tableName('toolbox-pokedex');

let endpoint: LibraryEndpoint;
let stream: StreamTail;

function pokedex(documentClient: LibraryEndpoint['doc']) {
  const table = new Table({
    name: TABLE,
    partitionKey: { name: 'PK', type: 'string' },
    sortKey: { name: 'SK', type: 'string' },
    indexes: {
      byType: {
        type: 'global',
        partitionKey: { name: 'pokeType', type: 'string' },
        sortKey: { name: 'level', type: 'number' },
      },
      byLevel: { type: 'local', sortKey: { name: 'level', type: 'number' } },
      // Sparse: only the items that have `shinyAt` are in it.
      shinies: {
        type: 'global',
        partitionKey: { name: 'PK', type: 'string' },
        sortKey: { name: 'shinyAt', type: 'string' },
      },
    },
    documentClient,
  });
  const entity = new Entity({
    name: 'POKEMON',
    schema: item({
      trainer: string().key().savedAs('PK'),
      pokemonId: string().key().savedAs('SK'),
      name: string(),
      pokeType: string(),
      level: number(),
      shinyAt: string().optional(),
    }),
    table,
    // No `_ct`/`_md` stamps from the real Date: the images stay the same on every run.
    timestamps: false,
  });
  return { table, entity };
}

let dex: ReturnType<typeof pokedex>;

beforeAll(async () => {
  endpoint = await libraryEndpoint();
  stream = await endpoint.createTable({
    TableName: TABLE,
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
      { AttributeName: 'pokeType', AttributeType: 'S' },
      { AttributeName: 'level', AttributeType: 'N' },
      { AttributeName: 'shinyAt', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byType',
        KeySchema: [
          { AttributeName: 'pokeType', KeyType: 'HASH' },
          { AttributeName: 'level', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'shinies',
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'shinyAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'byLevel',
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'level', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  });
  dex = pokedex(endpoint.doc);
});

afterAll(async () => {
  await endpoint?.close();
});

describe('dynamodb-toolbox index queries (a GSI, an LSI, a sparse GSI)', () => {
  const caught = [
    { trainer: 'ash', pokemonId: '025', name: 'pikachu', pokeType: 'electric', level: 12 },
    { trainer: 'ash', pokemonId: '004', name: 'charmander', pokeType: 'fire', level: 9 },
    { trainer: 'ash', pokemonId: '026', name: 'raichu', pokeType: 'electric', level: 30, shinyAt: '2026-01-02' },
    { trainer: 'misty', pokemonId: '120', name: 'staryu', pokeType: 'water', level: 15 },
    { trainer: 'misty', pokemonId: '100', name: 'voltorb', pokeType: 'electric', level: 21, shinyAt: '2026-01-01' },
  ];

  it('puts write each item once, whatever indexes it is in: one INSERT each', async () => {
    for (const pokemon of caught) await dex.entity.build(PutItemCommand).item(pokemon).send();
    const changes = await stream.next();
    expect(changes.map(({ eventName, Keys }) => [eventName, Keys])).toEqual([
      ['INSERT', { PK: 'ash', SK: '004' }],
      ['INSERT', { PK: 'ash', SK: '025' }],
      ['INSERT', { PK: 'ash', SK: '026' }],
      ['INSERT', { PK: 'misty', SK: '100' }],
      ['INSERT', { PK: 'misty', SK: '120' }],
    ]);
  });

  it('a query on a global index reads across table partitions, in the index sort key order', async () => {
    const from = endpoint.sent.length;
    const { Items } = await dex.table
      .build(QueryCommand)
      .entities(dex.entity)
      .query({ index: 'byType', partition: 'electric', range: { gte: 20 } })
      .send();
    expect(Items?.map(({ name, level }) => [name, level])).toEqual([
      ['voltorb', 21],
      ['raichu', 30],
    ]);
    expect(endpoint.sent.slice(from)).toMatchObject([{ operation: 'Query', input: { IndexName: 'byType' } }]);
  });

  it('pages through a global index by limit and exclusiveStartKey, in reverse', async () => {
    const seen: string[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    let pages = 0;
    do {
      const page = await dex.table
        .build(QueryCommand)
        .entities(dex.entity)
        .query({ index: 'byType', partition: 'electric' })
        .options({ limit: 2, exclusiveStartKey, reverse: true })
        .send();
      seen.push(...(page.Items ?? []).map(({ name }) => name));
      exclusiveStartKey = page.LastEvaluatedKey;
      pages++;
    } while (exclusiveStartKey !== undefined && pages < 10);
    expect(seen).toEqual(['raichu', 'voltorb', 'pikachu']);
    expect(pages).toBe(2);
  });

  it('a query on a local index reads one table partition in the index sort key order', async () => {
    const { Items } = await dex.table
      .build(QueryCommand)
      .entities(dex.entity)
      .query({ index: 'byLevel', partition: 'ash', range: { between: [10, 40] } })
      .send();
    expect(Items?.map(({ name, level }) => [name, level])).toEqual([
      ['pikachu', 12],
      ['raichu', 30],
    ]);
  });

  it('a sparse index holds only the items with its key; an update that adds the key adds the item', async () => {
    const shinies = async () =>
      (
        await dex.table.build(QueryCommand).entities(dex.entity).query({ index: 'shinies', partition: 'ash' }).send()
      ).Items?.map(({ name }) => name);
    expect(await shinies()).toEqual(['raichu']);
    await dex.entity.build(UpdateItemCommand).item({ trainer: 'ash', pokemonId: '004', shinyAt: '2026-01-03' }).send();
    expect(await shinies()).toEqual(['raichu', 'charmander']);
    await dex.entity.build(UpdateItemCommand).item({ trainer: 'ash', pokemonId: '026', shinyAt: $remove() }).send();
    expect(await shinies()).toEqual(['charmander']);
    expect((await stream.next()).map(({ eventName, Keys, NewImage }) => [eventName, Keys, NewImage?.shinyAt])).toEqual([
      ['MODIFY', { PK: 'ash', SK: '004' }, '2026-01-03'],
      ['MODIFY', { PK: 'ash', SK: '026' }, undefined],
    ]);
  });
});
