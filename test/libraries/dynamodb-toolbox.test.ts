/**
 * dynamodb-toolbox 2.10 through `DynamoDBDocumentClient`, doing what its quick start does (a Table and an Entity
 * with a schema; PutItemCommand, with a condition; UpdateItemCommand with `$add` and `$append`; the table's
 * QueryCommand on a sort-key prefix with an entity filter, paged by `limit` and `exclusiveStartKey`; a transaction
 * of put, update and delete), with the table's stream read after every step. The steps run in order on one table;
 * each states the exact records it must add to the stream. See library-endpoint.ts for the endpoints.
 *
 * The toolbox stamps items with `_ct`/`_md` from `new Date()`: the suite fakes Date (only Date) so those are known.
 */
import { Entity } from 'dynamodb-toolbox/entity';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { DeleteTransaction } from 'dynamodb-toolbox/entity/actions/transactDelete';
import { ConditionCheck } from 'dynamodb-toolbox/entity/actions/transactCheck';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import { $add, $append } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { item } from 'dynamodb-toolbox/schema/item';
import { list } from 'dynamodb-toolbox/schema/list';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { Table } from 'dynamodb-toolbox/table';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { libraryEndpoint, tableName, type LibraryEndpoint, type StreamTail } from './library-endpoint.js';

const TABLE = tableName('toolbox-pokemons');
const CREATED = '2026-01-01T00:00:00.000Z';
const MODIFIED = '2026-01-01T00:05:00.000Z';

let endpoint: LibraryEndpoint;
let stream: StreamTail;

function pokemonEntity(documentClient: LibraryEndpoint['doc']) {
  const table = new Table({
    name: TABLE,
    partitionKey: { name: 'PK', type: 'string' },
    sortKey: { name: 'SK', type: 'string' },
    documentClient,
  });
  const entity = new Entity({
    name: 'POKEMON',
    schema: item({
      trainer: string().key().savedAs('PK'),
      pokemonId: string().key().savedAs('SK'),
      name: string(),
      level: number().default(1),
      moves: list(string()).default(() => []),
    }),
    table,
  });
  return { table, entity };
}

let pokemons: ReturnType<typeof pokemonEntity>;

/** An item as the toolbox stores it: keys saved as PK/SK, the entity name in `_et`, the two timestamps. */
function stored(
  pokemon: { trainer: string; pokemonId: string; name: string; level: number; moves: string[] },
  created = CREATED,
  modified = created,
) {
  const { trainer, pokemonId, ...rest } = pokemon;
  return { PK: trainer, SK: pokemonId, ...rest, _et: 'POKEMON', _ct: created, _md: modified };
}

const keysOf = (trainer: string, pokemonId: string) => ({ PK: trainer, SK: pokemonId });

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(CREATED) });
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
    ],
  });
  pokemons = pokemonEntity(endpoint.doc);
});

afterAll(async () => {
  vi.useRealTimers();
  await endpoint?.close();
});

describe('dynamodb-toolbox through DynamoDBDocumentClient', () => {
  const pikachu = { trainer: 'ash', pokemonId: '025', name: 'pikachu', level: 5, moves: [] as string[] };

  it('PutItemCommand writes the item with its defaults and stamps: one INSERT', async () => {
    const { entity } = pokemons;
    const { ToolboxItem } = await entity
      .build(PutItemCommand)
      .item({ trainer: 'ash', pokemonId: '025', name: 'pikachu', level: 5 })
      .send();
    expect(ToolboxItem).toEqual({ ...pikachu, created: CREATED, modified: CREATED, entity: 'POKEMON' });
    expect(await stream.next()).toEqual([
      { eventName: 'INSERT', Keys: keysOf('ash', '025'), NewImage: stored(pikachu) },
    ]);
  });

  it('a conditional put refuses an item that exists and writes nothing', async () => {
    const { entity } = pokemons;
    const put = entity
      .build(PutItemCommand)
      .item({ trainer: 'ash', pokemonId: '025', name: 'raichu' })
      .options({ condition: { attr: 'pokemonId', exists: false } })
      .send();
    await expect(put).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(await stream.next()).toEqual([]);
    await entity
      .build(PutItemCommand)
      .item({ trainer: 'ash', pokemonId: '001', name: 'bulbasaur' })
      .options({ condition: { attr: 'pokemonId', exists: false } })
      .send();
    expect(await stream.next()).toEqual([
      {
        eventName: 'INSERT',
        Keys: keysOf('ash', '001'),
        NewImage: stored({ trainer: 'ash', pokemonId: '001', name: 'bulbasaur', level: 1, moves: [] }),
      },
    ]);
  });

  it('UpdateItemCommand with $add and $append under a condition: one MODIFY with both images', async () => {
    const { entity } = pokemons;
    vi.setSystemTime(new Date(MODIFIED));
    const { Attributes } = await entity
      .build(UpdateItemCommand)
      .item({ trainer: 'ash', pokemonId: '025', level: $add(1), moves: $append(['thunder-shock']) })
      .options({ condition: { attr: 'level', lt: 10 }, returnValues: 'ALL_NEW' })
      .send();
    const levelled = { ...pikachu, level: 6, moves: ['thunder-shock'] };
    // The toolbox formats the returned attributes without its entity attribute.
    expect(Attributes).toEqual({ ...levelled, created: CREATED, modified: MODIFIED });
    expect(await stream.next()).toEqual([
      {
        eventName: 'MODIFY',
        Keys: keysOf('ash', '025'),
        OldImage: stored(pikachu),
        NewImage: stored(levelled, CREATED, MODIFIED),
      },
    ]);
  });

  it('an update whose condition fails changes nothing', async () => {
    const { entity } = pokemons;
    const update = entity
      .build(UpdateItemCommand)
      .item({ trainer: 'ash', pokemonId: '025', level: $add(1) })
      .options({ condition: { attr: 'level', gt: 10 } })
      .send();
    await expect(update).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(await stream.next()).toEqual([]);
  });

  it('GetItemCommand with attributes reads a projection and writes nothing', async () => {
    const { entity } = pokemons;
    const { Item } = await entity
      .build(GetItemCommand)
      .key({ trainer: 'ash', pokemonId: '025' })
      .options({ attributes: ['level', 'moves'] })
      .send();
    expect(Item).toEqual({ level: 6, moves: ['thunder-shock'] });
    expect(await stream.next()).toEqual([]);
  });

  it('QueryCommand on a sort-key prefix with an entity filter returns the matching items and writes nothing', async () => {
    const { entity, table } = pokemons;
    for (const [pokemonId, name, level] of [
      ['004', 'charmander', 3],
      ['007', 'squirtle', 7],
      ['150', 'mewtwo', 70],
    ] as const) {
      await entity.build(PutItemCommand).item({ trainer: 'ash', pokemonId, name, level }).send();
    }
    expect((await stream.next()).map(({ eventName, Keys }) => [eventName, Keys])).toEqual([
      ['INSERT', keysOf('ash', '004')],
      ['INSERT', keysOf('ash', '007')],
      ['INSERT', keysOf('ash', '150')],
    ]);
    const { Items } = await table
      .build(QueryCommand)
      .entities(entity)
      .query({ partition: 'ash', range: { beginsWith: '0' } })
      .options({ filters: { POKEMON: { attr: 'level', gte: 5 } } })
      .send();
    expect(Items?.map(({ name, level }) => [name, level])).toEqual([
      ['squirtle', 7],
      ['pikachu', 6],
    ]);
    expect(await stream.next()).toEqual([]);
  });

  it('pages through a partition by limit and exclusiveStartKey', async () => {
    const { entity, table } = pokemons;
    const seen: string[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    let pages = 0;
    do {
      const page = await table
        .build(QueryCommand)
        .entities(entity)
        .query({ partition: 'ash' })
        .options({ limit: 2, exclusiveStartKey })
        .send();
      seen.push(...(page.Items ?? []).map(({ pokemonId }) => pokemonId));
      exclusiveStartKey = page.LastEvaluatedKey;
      pages++;
    } while (exclusiveStartKey !== undefined && pages < 10);
    expect(seen).toEqual(['001', '004', '007', '025', '150']);
    // Five items, two a page: the third page ends the partition.
    expect(pages).toBe(3);
  });

  it('a transaction puts, updates and deletes together: INSERT, MODIFY and REMOVE', async () => {
    const { entity } = pokemons;
    await execute(
      entity
        .build(PutTransaction)
        .item({ trainer: 'ash', pokemonId: '133', name: 'eevee' })
        .options({ condition: { attr: 'pokemonId', exists: false } }),
      entity
        .build(UpdateTransaction)
        .item({ trainer: 'ash', pokemonId: '004', level: $add(2), moves: $append(['ember']) }),
      entity.build(DeleteTransaction).key({ trainer: 'ash', pokemonId: '150' }),
    );
    const charmander = { trainer: 'ash', pokemonId: '004', name: 'charmander', level: 3, moves: [] as string[] };
    const mewtwo = { trainer: 'ash', pokemonId: '150', name: 'mewtwo', level: 70, moves: [] as string[] };
    expect(await stream.next()).toEqual([
      {
        eventName: 'MODIFY',
        Keys: keysOf('ash', '004'),
        OldImage: stored(charmander, MODIFIED),
        NewImage: stored({ ...charmander, level: 5, moves: ['ember'] }, MODIFIED),
      },
      {
        eventName: 'INSERT',
        Keys: keysOf('ash', '133'),
        NewImage: stored({ trainer: 'ash', pokemonId: '133', name: 'eevee', level: 1, moves: [] }, MODIFIED),
      },
      { eventName: 'REMOVE', Keys: keysOf('ash', '150'), OldImage: stored(mewtwo, MODIFIED) },
    ]);
  });

  it('a transaction whose condition check fails is cancelled and writes nothing', async () => {
    const { entity } = pokemons;
    const transaction = execute(
      entity.build(PutTransaction).item({ trainer: 'ash', pokemonId: '143', name: 'snorlax' }),
      entity.build(ConditionCheck).key({ trainer: 'ash', pokemonId: '025' }).condition({ attr: 'level', gt: 50 }),
    );
    await expect(transaction).rejects.toMatchObject({
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
    });
    expect(await stream.next()).toEqual([]);
  });
});
