/**
 * Dynamoose 4.2 through the SDK's `DynamoDB` client (the one Dynamoose takes), doing what its README does (a `Book`
 * model; `save`, `create` that refuses an existing item, `update` with `$ADD` to a number and a list and `$SET`
 * under a condition, a query on a sort-key prefix with a filter, pages by `limit`/`startAt`, a scan, a
 * transaction), with the table's stream read after every step. The steps run in order on one table; each states the
 * exact records it must add to the stream. See library-endpoint.ts for the endpoints.
 *
 * The README's model keys books by a random `id`; a query with a sort-key condition needs a range key, so here
 * the author is the hash key and the title the range key.
 */
import { DynamoDB } from '@aws-sdk/client-dynamodb';
import dynamoose from 'dynamoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryEndpoint, tableName, type LibraryEndpoint, type StreamTail } from './library-endpoint.js';

const TABLE = tableName('dynamoose-books');

let endpoint: LibraryEndpoint;
let stream: StreamTail;

function bookModel() {
  return dynamoose.model(
    TABLE,
    new dynamoose.Schema({
      author: { type: String, hashKey: true },
      title: { type: String, rangeKey: true },
      publishedDate: { type: Date, required: true },
      genre: { type: String, required: true, enum: ['fantasy', 'sci-fi', 'mystery', 'other'] },
      summary: String,
      pageCount: Number,
      tags: { type: Array, schema: [String] },
    }),
    // The suite creates the table itself (with its stream), so Dynamoose neither creates nor waits for it.
    { create: false, waitForActive: false },
  );
}

let Book: ReturnType<typeof bookModel>;

const ROWLING = 'J.K. Rowling';
const stone = {
  author: ROWLING,
  title: "Harry Potter and the Philosopher's Stone",
  publishedDate: new Date('1997-06-26T00:00:00.000Z'),
  genre: 'fantasy',
  summary: 'The story of a young wizard who discovers he is a wizard and attends a magical school.',
  pageCount: 223,
  tags: ['wizards'],
};

/** A book as Dynamoose stores it: a Date as its epoch milliseconds. */
function stored(book: Record<string, unknown> & { publishedDate: Date }) {
  return { ...book, publishedDate: book.publishedDate.getTime() };
}

const keysOf = (title: string) => ({ author: ROWLING, title });

beforeAll(async () => {
  endpoint = await libraryEndpoint();
  stream = await endpoint.createTable({
    TableName: TABLE,
    KeySchema: [
      { AttributeName: 'author', KeyType: 'HASH' },
      { AttributeName: 'title', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'author', AttributeType: 'S' },
      { AttributeName: 'title', AttributeType: 'S' },
    ],
  });
  dynamoose.aws.ddb.set(endpoint.capture(new DynamoDB(endpoint.config)));
  Book = bookModel();
});

afterAll(async () => {
  dynamoose.aws.ddb.revert();
  await endpoint?.close();
});

describe('Dynamoose through the DynamoDB client', () => {
  it('save writes a new item: one INSERT', async () => {
    await new Book(stone).save();
    expect(await stream.next()).toEqual([{ eventName: 'INSERT', Keys: keysOf(stone.title), NewImage: stored(stone) }]);
  });

  it('create refuses an item that exists and writes nothing', async () => {
    await expect(Book.create({ ...stone, pageCount: 1 })).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
    });
    expect(await stream.next()).toEqual([]);
    const chamber = {
      author: ROWLING,
      title: 'Harry Potter and the Chamber of Secrets',
      publishedDate: new Date('1998-07-02T00:00:00.000Z'),
      genre: 'fantasy',
      pageCount: 251,
    };
    await Book.create(chamber);
    expect(await stream.next()).toEqual([
      { eventName: 'INSERT', Keys: keysOf(chamber.title), NewImage: stored(chamber) },
    ]);
  });

  it('update with $ADD to a number and a list and $SET, under a condition: one MODIFY with both images', async () => {
    const updated = await Book.update(
      keysOf(stone.title),
      { $ADD: { pageCount: 100, tags: ['classic'] }, $SET: { genre: 'other' } },
      { condition: new dynamoose.Condition('pageCount').lt(1000) },
    );
    const after = { ...stone, pageCount: 323, tags: ['wizards', 'classic'], genre: 'other' };
    // `toJSON` gives the Date in its JSON form.
    expect(updated.toJSON()).toEqual({ ...after, publishedDate: '1997-06-26T00:00:00.000Z' });
    expect(await stream.next()).toEqual([
      { eventName: 'MODIFY', Keys: keysOf(stone.title), OldImage: stored(stone), NewImage: stored(after) },
    ]);
  });

  it('an update whose condition fails changes nothing', async () => {
    const update = Book.update(
      keysOf(stone.title),
      { $ADD: { pageCount: 1 } },
      { condition: new dynamoose.Condition('genre').eq('fantasy') },
    );
    await expect(update).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(await stream.next()).toEqual([]);
  });

  it('get with attributes reads a projection and writes nothing', async () => {
    const book = await Book.get(keysOf(stone.title), { attributes: ['pageCount', 'tags'] });
    expect(book.toJSON()).toEqual({ pageCount: 323, tags: ['wizards', 'classic'] });
    expect(await stream.next()).toEqual([]);
  });

  it('query on a sort-key prefix with a filter returns the matching items and writes nothing', async () => {
    const more = [
      ['Harry Potter and the Prisoner of Azkaban', '1999-07-08', 317],
      ['Harry Potter and the Goblet of Fire', '2000-07-08', 636],
      ['The Casual Vacancy', '2012-09-27', 503],
    ] as const;
    for (const [title, date, pageCount] of more) {
      await new Book({
        author: ROWLING,
        title,
        publishedDate: new Date(`${date}T00:00:00.000Z`),
        genre: 'fantasy',
        pageCount,
      }).save();
    }
    // One call's records come ordered by key (library-endpoint.ts).
    expect((await stream.next()).map(({ eventName, Keys }) => [eventName, Keys])).toEqual([
      ['INSERT', keysOf('Harry Potter and the Goblet of Fire')],
      ['INSERT', keysOf('Harry Potter and the Prisoner of Azkaban')],
      ['INSERT', keysOf('The Casual Vacancy')],
    ]);
    const found = await Book.query('author')
      .eq(ROWLING)
      .where('title')
      .beginsWith('Harry Potter')
      .filter('pageCount')
      .ge(300)
      .exec();
    expect(found.map((book) => [book.title, book.pageCount])).toEqual([
      ['Harry Potter and the Goblet of Fire', 636],
      ["Harry Potter and the Philosopher's Stone", 323],
      ['Harry Potter and the Prisoner of Azkaban', 317],
    ]);
    expect(await stream.next()).toEqual([]);
  });

  it('pages through a partition by limit and startAt', async () => {
    const seen: string[] = [];
    let lastKey: Record<string, unknown> | undefined;
    let pages = 0;
    do {
      let query = Book.query('author').eq(ROWLING).limit(2);
      if (lastKey !== undefined) query = query.startAt(lastKey);
      const page = await query.exec();
      seen.push(...page.map((book) => book.title as string));
      lastKey = page.lastKey;
      pages++;
    } while (lastKey !== undefined && pages < 10);
    expect(seen).toEqual([
      'Harry Potter and the Chamber of Secrets',
      'Harry Potter and the Goblet of Fire',
      "Harry Potter and the Philosopher's Stone",
      'Harry Potter and the Prisoner of Azkaban',
      'The Casual Vacancy',
    ]);
    // Five items, two a page: the third page ends the partition.
    expect(pages).toBe(3);
  });

  it('scan with a filter, as the README reads all books', async () => {
    const books = await Book.scan('genre').eq('other').exec();
    expect(books.map((book) => book.title)).toEqual([stone.title]);
    expect(books.count).toBe(1);
  });

  it('a transaction creates, updates and deletes together: INSERT, MODIFY and REMOVE', async () => {
    const added = {
      author: ROWLING,
      title: 'Harry Potter and the Order of the Phoenix',
      publishedDate: new Date('2003-06-21T00:00:00.000Z'),
      genre: 'fantasy',
      pageCount: 766,
    };
    await dynamoose.transaction([
      Book.transaction.create(added),
      Book.transaction.update(keysOf('Harry Potter and the Goblet of Fire'), { $ADD: { pageCount: 1 } }),
      Book.transaction.delete(keysOf('The Casual Vacancy')),
    ]);
    const goblet = {
      author: ROWLING,
      title: 'Harry Potter and the Goblet of Fire',
      publishedDate: new Date('2000-07-08T00:00:00.000Z'),
      genre: 'fantasy',
      pageCount: 636,
    };
    const vacancy = {
      author: ROWLING,
      title: 'The Casual Vacancy',
      publishedDate: new Date('2012-09-27T00:00:00.000Z'),
      genre: 'fantasy',
      pageCount: 503,
    };
    expect(await stream.next()).toEqual([
      {
        eventName: 'MODIFY',
        Keys: keysOf(goblet.title),
        OldImage: stored(goblet),
        NewImage: stored({ ...goblet, pageCount: 637 }),
      },
      { eventName: 'INSERT', Keys: keysOf(added.title), NewImage: stored(added) },
      { eventName: 'REMOVE', Keys: keysOf(vacancy.title), OldImage: stored(vacancy) },
    ]);
  });

  it('a transaction whose condition fails is cancelled and writes nothing', async () => {
    const transaction = dynamoose.transaction([
      Book.transaction.create({
        author: ROWLING,
        title: 'Harry Potter and the Half-Blood Prince',
        publishedDate: new Date('2005-07-16T00:00:00.000Z'),
        genre: 'fantasy',
      }),
      Book.transaction.condition(keysOf(stone.title), new dynamoose.Condition('pageCount').gt(5000)),
    ]);
    await expect(transaction).rejects.toMatchObject({
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
    });
    expect(await stream.next()).toEqual([]);
  });
});
