/**
 * Dynamoose 4.2's indexes, as its docs write them: attributes with `index: { name, type: 'global', rangeKey }` and
 * `index: { name, type: 'local' }`, read with `Model.query(...).using('<index>')` (and without `using`, where
 * Dynamoose picks the index from the query's attributes); a sparse global index on an optional attribute. The
 * table is created from the request Dynamoose itself would send (`table().create({ return: 'request' })`), so its
 * indexes are named and keyed as Dynamoose names them, plus the stream. See library-endpoint.ts for the endpoints.
 */
import { DynamoDB, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import dynamoose from 'dynamoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryEndpoint, tableName, type LibraryEndpoint, type StreamTail } from './library-endpoint.js';

const TABLE = tableName('dynamoose-library');

let endpoint: LibraryEndpoint;
let stream: StreamTail;

function bookModel() {
  return dynamoose.model(
    TABLE,
    new dynamoose.Schema({
      author: { type: String, hashKey: true },
      title: { type: String, rangeKey: true },
      genre: { type: String, required: true, index: { name: 'genreIndex', type: 'global', rangeKey: 'published' } },
      published: { type: Number, required: true },
      pageCount: { type: Number, required: true, index: { name: 'pageCountIndex', type: 'local' } },
      // Only award winners have `award`: the index holds them alone.
      award: { type: String, index: { name: 'awardIndex', type: 'global', rangeKey: 'published' } },
    }),
    { create: false, waitForActive: false, throughput: 'ON_DEMAND' },
  );
}

let Book: ReturnType<typeof bookModel>;

beforeAll(async () => {
  endpoint = await libraryEndpoint();
  dynamoose.aws.ddb.set(endpoint.capture(new DynamoDB(endpoint.config)));
  Book = bookModel();
  // What Dynamoose would send to create its table: its key schema, attribute definitions and indexes.
  const request = (await Book.table().create({ return: 'request' })) as unknown as CreateTableCommandInput;
  stream = await endpoint.createTable({
    TableName: TABLE,
    KeySchema: request.KeySchema!,
    AttributeDefinitions: request.AttributeDefinitions!,
    GlobalSecondaryIndexes: request.GlobalSecondaryIndexes,
    LocalSecondaryIndexes: request.LocalSecondaryIndexes,
  });
});

afterAll(async () => {
  dynamoose.aws.ddb.revert();
  await endpoint?.close();
});

describe('Dynamoose indexes (global, local, sparse) and Model.query().using()', () => {
  const books = [
    { author: 'Le Guin', title: 'The Dispossessed', genre: 'sci-fi', published: 1974, pageCount: 387, award: 'Hugo' },
    { author: 'Le Guin', title: 'A Wizard of Earthsea', genre: 'fantasy', published: 1968, pageCount: 183 },
    { author: 'Le Guin', title: 'The Left Hand of Darkness', genre: 'sci-fi', published: 1969, pageCount: 304 },
    { author: 'Herbert', title: 'Dune', genre: 'sci-fi', published: 1965, pageCount: 412, award: 'Hugo' },
    { author: 'Gibson', title: 'Neuromancer', genre: 'sci-fi', published: 1984, pageCount: 271, award: 'Nebula' },
  ];

  it('Dynamoose names the indexes it asks for; each save writes one INSERT', async () => {
    const request = (await Book.table().create({ return: 'request' })) as unknown as CreateTableCommandInput;
    expect(request.GlobalSecondaryIndexes?.map(({ IndexName, KeySchema }) => [IndexName, KeySchema])).toEqual([
      [
        'genreIndex',
        [
          { AttributeName: 'genre', KeyType: 'HASH' },
          { AttributeName: 'published', KeyType: 'RANGE' },
        ],
      ],
      [
        'awardIndex',
        [
          { AttributeName: 'award', KeyType: 'HASH' },
          { AttributeName: 'published', KeyType: 'RANGE' },
        ],
      ],
    ]);
    expect(request.LocalSecondaryIndexes?.map(({ IndexName, KeySchema }) => [IndexName, KeySchema])).toEqual([
      [
        'pageCountIndex',
        [
          { AttributeName: 'author', KeyType: 'HASH' },
          { AttributeName: 'pageCount', KeyType: 'RANGE' },
        ],
      ],
    ]);
    for (const book of books) await new Book(book).save();
    expect((await stream.next()).map(({ eventName, Keys }) => [eventName, Keys.title])).toEqual([
      ['INSERT', 'Neuromancer'],
      ['INSERT', 'Dune'],
      ['INSERT', 'A Wizard of Earthsea'],
      ['INSERT', 'The Dispossessed'],
      ['INSERT', 'The Left Hand of Darkness'],
    ]);
  });

  it('query(...).using(a global index) reads across authors in the index sort key order', async () => {
    const from = endpoint.sent.length;
    const found = await Book.query('genre').eq('sci-fi').where('published').lt(1980).using('genreIndex').exec();
    expect(found.map((book) => [book.title, book.published])).toEqual([
      ['Dune', 1965],
      ['The Left Hand of Darkness', 1969],
      ['The Dispossessed', 1974],
    ]);
    expect(endpoint.sent.slice(from)).toMatchObject([{ operation: 'Query', input: { IndexName: 'genreIndex' } }]);
    expect(await stream.next()).toEqual([]);
  });

  it('query(...).using(a local index) reads one author in page count order, descending', async () => {
    const found = await Book.query('author')
      .eq('Le Guin')
      .where('pageCount')
      .ge(200)
      .using('pageCountIndex')
      .sort('descending')
      .exec();
    expect(found.map((book) => [book.title, book.pageCount])).toEqual([
      ['The Dispossessed', 387],
      ['The Left Hand of Darkness', 304],
    ]);
  });

  it('without using(), Dynamoose picks the index whose hash key the query names', async () => {
    const from = endpoint.sent.length;
    const found = await Book.query('award').eq('Hugo').exec();
    expect(found.map((book) => book.title)).toEqual(['Dune', 'The Dispossessed']);
    expect(endpoint.sent.slice(from)).toMatchObject([{ operation: 'Query', input: { IndexName: 'awardIndex' } }]);
  });

  it('a sparse index follows its key: an update that removes it takes the item out, one MODIFY', async () => {
    await Book.update({ author: 'Herbert', title: 'Dune' }, { $REMOVE: ['award'] });
    const [change, ...rest] = await stream.next();
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ eventName: 'MODIFY', OldImage: { award: 'Hugo' } });
    expect(change?.NewImage).not.toHaveProperty('award');
    const found = await Book.query('award').eq('Hugo').using('awardIndex').exec();
    expect(found.map((book) => book.title)).toEqual(['The Dispossessed']);
  });

  it('a query with a limit pages through a global index by lastKey, the key holding index and table keys', async () => {
    const seen: string[] = [];
    let lastKey: Record<string, unknown> | undefined;
    let pages = 0;
    do {
      let query = Book.query('genre').eq('sci-fi').using('genreIndex').limit(2);
      if (lastKey !== undefined) query = query.startAt(lastKey);
      const page = await query.exec();
      seen.push(...page.map((book) => book.title as string));
      if (pages === 0)
        expect(Object.keys(page.lastKey ?? {}).sort()).toEqual(['author', 'genre', 'published', 'title']);
      lastKey = page.lastKey;
      pages++;
    } while (lastKey !== undefined && pages < 10);
    expect(seen).toEqual(['Dune', 'The Left Hand of Darkness', 'The Dispossessed', 'Neuromancer']);
  });
});
