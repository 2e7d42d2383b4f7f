// A single-table design with secondary indexes, and a stream consumer that keeps an audit log and a view.
// Run it with `npx tsx examples/single-table-indexes.ts`; test/single-table-example.test.ts runs it too.
//
// One table holds customers and their orders (PK = CUSTOMER#<id>). GSI1 is overloaded: a customer is found by
// email (GSI1PK = EMAIL#<email>), an order by status and date (GSI1PK = STATUS#<status>, GSI1SK = placed at).
// LSI1 orders one customer's items by `total`: only orders have one, so the profile is not in it (sparse).
import {
  Database,
  DynamoDBError,
  ManualClock,
  StreamReader,
  marshallItem,
  unmarshallItem,
  type AttributeMap,
  type DynamoDBRecord,
  type NativeItem,
} from '../src/index.js';

/** The consumer: an audit line per stream record, and a view of how many orders are in each status. */
function consume(records: readonly DynamoDBRecord[], audit: string[], view: Map<string, number>): void {
  for (const { eventName, dynamodb } of records) {
    const keys = unmarshallItem(dynamodb.Keys);
    const before = dynamodb.OldImage === undefined ? undefined : unmarshallItem(dynamodb.OldImage);
    const after = dynamodb.NewImage === undefined ? undefined : unmarshallItem(dynamodb.NewImage);
    const change =
      before?.status === after?.status ? '' : ` ${String(before?.status ?? '-')} -> ${String(after?.status ?? '-')}`;
    audit.push(`${eventName} ${String(keys.PK)} ${String(keys.SK)}${change}`);
    if (typeof before?.status === 'string') view.set(before.status, (view.get(before.status) ?? 0) - 1);
    if (typeof after?.status === 'string') view.set(after.status, (view.get(after.status) ?? 0) + 1);
  }
}

/** Prints the items of a Query as `SK (attributes)`, the attributes in a fixed order. */
function show(items: readonly AttributeMap[] | undefined): string {
  return (items ?? [])
    .map((item) => unmarshallItem(item))
    .map(
      (item) => `${String(item.SK)} (${['status', 'total'].map((name) => `${name}=${String(item[name])}`).join(' ')})`,
    )
    .join(', ');
}

export async function runSingleTableExample(
  log: (line: string) => void = console.log,
): Promise<{ audit: string[]; view: Record<string, number> }> {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 9));
  const db = await Database.create({ clock, seed: 12 });
  const shop = db.createTable({
    TableName: 'shop',
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
      { AttributeName: 'GSI1PK', AttributeType: 'S' },
      { AttributeName: 'GSI1SK', AttributeType: 'S' },
      { AttributeName: 'total', AttributeType: 'N' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'GSI1',
        KeySchema: [
          { AttributeName: 'GSI1PK', KeyType: 'HASH' },
          { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
        ],
        // The keys, and `status` and `total`: what the order list shows, not the whole item.
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['status', 'total'] },
      },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'LSI1',
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'total', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  const reader = new StreamReader(shop.stream!);
  const audit: string[] = [];
  const view = new Map<string, number>();
  let writes = 0;
  const write = (step: () => void) => {
    step();
    writes++;
  };

  // 1. Two customers and three orders, an hour apart. Each order carries its GSI1 keys.
  const customer = (id: string, email: string): NativeItem => ({
    PK: `CUSTOMER#${id}`,
    SK: 'PROFILE',
    GSI1PK: `EMAIL#${email}`,
    GSI1SK: 'CUSTOMER',
    name: id,
  });
  const order = (id: string, orderId: string, total: number): NativeItem => ({
    PK: `CUSTOMER#${id}`,
    SK: `ORDER#${orderId}`,
    GSI1PK: 'STATUS#PENDING',
    GSI1SK: new Date(clock.now()).toISOString(),
    status: 'PENDING',
    total,
    lines: [{ sku: `SKU-${orderId}`, quantity: 1 }],
  });
  write(() => shop.put(customer('ann', 'ann@example.com')));
  write(() => shop.put(customer('bob', 'bob@example.com')));
  for (const [id, orderId, total] of [
    ['ann', 'o1', 40],
    ['ann', 'o2', 150],
    ['bob', 'o3', 75],
  ] as const) {
    write(() => shop.put(order(id, orderId, total)));
    clock.advance({ hours: 1 });
  }

  // 2. A write whose index key has the wrong type is refused, as AWS refuses it, and changes nothing.
  try {
    shop.put({ ...order('bob', 'o4', 0), total: 'a lot' });
  } catch (error) {
    if (!(error instanceof DynamoDBError)) throw error;
    log(`refused: ${error.name}: ${error.message}`);
  }

  // 3. Two orders ship: their GSI1 partition key moves, so they move to another GSI1 partition.
  const ship = (id: string, orderId: string) =>
    write(() => {
      shop.update({ PK: `CUSTOMER#${id}`, SK: `ORDER#${orderId}` }, (current) => ({
        ...current,
        status: 'SHIPPED',
        GSI1PK: 'STATUS#SHIPPED',
      }));
    });
  ship('ann', 'o1');
  ship('bob', 'o3');

  // 4. The access patterns, each one Query on an index.
  const byEmail = shop.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :email',
    ExpressionAttributeValues: marshallItem({ ':email': 'EMAIL#bob@example.com' }),
  });
  log(`customer by email: ${byEmail.Items?.map((item) => unmarshallItem(item).PK).join(', ')}`);
  const pending = shop.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :status',
    ExpressionAttributeValues: marshallItem({ ':status': 'STATUS#PENDING' }),
  });
  log(`pending orders: ${show(pending.Items)}`);
  const shippedInTheMorning = shop.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :status AND GSI1SK BETWEEN :from AND :to',
    ExpressionAttributeValues: marshallItem({
      ':status': 'STATUS#SHIPPED',
      ':from': '2026-01-01T09:00:00.000Z',
      ':to': '2026-01-01T12:00:00.000Z',
    }),
  });
  log(`shipped orders placed 09:00-12:00: ${show(shippedInTheMorning.Items)}`);
  // GSI1 projects `status` and `total` only: asking it for `lines` is refused, as AWS refuses it.
  try {
    shop.query({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :status',
      ProjectionExpression: 'SK, #lines',
      ExpressionAttributeNames: { '#lines': 'lines' },
      ExpressionAttributeValues: marshallItem({ ':status': 'STATUS#SHIPPED' }),
    });
  } catch (error) {
    if (!(error instanceof DynamoDBError)) throw error;
    log(`refused: ${error.name}: ${error.message}`);
  }
  const annsLargest = shop.query({
    IndexName: 'LSI1',
    KeyConditionExpression: 'PK = :customer AND #total >= :least',
    ExpressionAttributeNames: { '#total': 'total' },
    ExpressionAttributeValues: marshallItem({ ':customer': 'CUSTOMER#ann', ':least': 0 }),
    ScanIndexForward: false,
  });
  log(`ann's orders, largest first: ${show(annsLargest.Items)}`);

  // 5. The consumer reads the stream: one record per write, none for the indexes.
  const records = reader.drainRecords();
  consume(records, audit, view);
  log(`stream: ${records.length} records for ${writes} writes`);
  for (const line of audit) log(`  ${line}`);
  const statuses = Object.fromEntries([...view].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  log(
    `orders by status: ${Object.entries(statuses)
      .map(([status, count]) => `${status}=${count}`)
      .join(' ')}`,
  );
  return { audit, view: statuses };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runSingleTableExample();
}
