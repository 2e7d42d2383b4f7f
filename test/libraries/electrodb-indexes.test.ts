/**
 * ElectroDB 3.9's index access patterns, as its docs write them (the TaskApp of "Collections"): entities whose
 * access patterns live on GSIs (`index: 'gsi1'`), a collection that reads two entities from one GSI partition in
 * one Query, a local index (`index: 'lsi1'` on the table's `pk` field), and a sparse index whose keys ElectroDB writes only while the index's `condition` holds (and removes
 * when it stops holding). The table's stream is read after every write: an index never adds a record of its own.
 * The steps run in order on one table. See library-endpoint.ts for the endpoints and the gate.
 */
import { Entity, Service } from 'electrodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryEndpoint, tableName, type LibraryEndpoint, type StreamTail } from './library-endpoint.js';

const TABLE = tableName('electrodb-taskapp');

let endpoint: LibraryEndpoint;
let stream: StreamTail;

function taskApp(client: LibraryEndpoint['doc']) {
  const employees = new Entity(
    {
      model: { entity: 'employees', version: '1', service: 'taskapp' },
      attributes: {
        employee: { type: 'string', required: true },
        firstName: { type: 'string', required: true },
        office: { type: 'string', required: true },
        team: { type: 'string', required: true },
        title: { type: 'string', required: true },
      },
      indexes: {
        employee: { pk: { field: 'pk', composite: ['employee'] }, sk: { field: 'sk', composite: [] } },
        coworkers: {
          index: 'gsi1',
          collection: 'workplaces',
          pk: { field: 'gsi1pk', composite: ['office'] },
          sk: { field: 'gsi1sk', composite: ['team', 'title', 'employee'] },
        },
      },
    },
    { table: TABLE, client },
  );
  const offices = new Entity(
    {
      model: { entity: 'offices', version: '1', service: 'taskapp' },
      attributes: {
        office: { type: 'string', required: true },
        country: { type: 'string', required: true },
        city: { type: 'string', required: true },
      },
      indexes: {
        locations: { pk: { field: 'pk', composite: ['country'] }, sk: { field: 'sk', composite: ['city', 'office'] } },
        // A local index: the table's partition key (same field, same composite), another sort key.
        byName: {
          index: 'lsi1',
          pk: { field: 'pk', composite: ['country'] },
          sk: { field: 'lsi1sk', composite: ['office'] },
        },
        office: {
          index: 'gsi1',
          collection: 'workplaces',
          pk: { field: 'gsi1pk', composite: ['office'] },
          sk: { field: 'gsi1sk', composite: [] },
        },
      },
    },
    { table: TABLE, client },
  );
  const tasks = new Entity(
    {
      model: { entity: 'tasks', version: '1', service: 'taskapp' },
      attributes: {
        task: { type: 'string', required: true },
        employee: { type: 'string', required: true },
        status: { type: ['open', 'closed'] as const, required: true },
        points: { type: 'number', required: true },
      },
      indexes: {
        task: { pk: { field: 'pk', composite: ['task'] }, sk: { field: 'sk', composite: [] } },
        // A sparse index: only open tasks have gsi2 keys, so the index holds exactly the open tasks.
        openTasks: {
          index: 'gsi2',
          condition: (attributes) => attributes.status === 'open',
          pk: { field: 'gsi2pk', composite: ['employee'] },
          sk: { field: 'gsi2sk', composite: ['status', 'points', 'task'] },
        },
      },
    },
    { table: TABLE, client },
  );
  return new Service({ employees, offices, tasks }, { table: TABLE, client });
}

let app: ReturnType<typeof taskApp>;

const GSI = (name: string) => ({
  IndexName: name,
  KeySchema: [
    { AttributeName: `${name}pk`, KeyType: 'HASH' as const },
    { AttributeName: `${name}sk`, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

/** The events and keys a step wrote, in the key order StreamTail gives them. */
async function written(): Promise<[string, Record<string, unknown>][]> {
  return (await stream.next()).map(({ eventName, Keys }) => [eventName, Keys]);
}

beforeAll(async () => {
  endpoint = await libraryEndpoint();
  stream = await endpoint.createTable({
    TableName: TABLE,
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'lsi1sk'].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S' as const,
    })),
    GlobalSecondaryIndexes: [GSI('gsi1'), GSI('gsi2')],
    LocalSecondaryIndexes: [
      {
        IndexName: 'lsi1',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'lsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  });
  app = taskApp(endpoint.doc);
});

afterAll(async () => {
  await endpoint?.close();
});

describe('ElectroDB index access patterns (GSIs, a collection, an LSI, a sparse index)', () => {
  const employees = [
    { employee: 'jlowe', firstName: 'Joe', office: 'gw-zoo', team: 'core', title: 'lead' },
    { employee: 'tgreen', firstName: 'Tia', office: 'gw-zoo', team: 'core', title: 'dev' },
    { employee: 'mwhite', firstName: 'Mia', office: 'gw-zoo', team: 'web', title: 'dev' },
    { employee: 'aking', firstName: 'Ali', office: 'portland', team: 'core', title: 'dev' },
  ];

  it('puts write each item once, with its GSI keys: one INSERT each', async () => {
    await app.entities.employees.put(employees).go();
    await app.entities.offices.put({ office: 'gw-zoo', country: 'us', city: 'atlanta' }).go();
    await app.entities.offices.put({ office: 'portland', country: 'us', city: 'portland' }).go();
    const changes = await stream.next();
    expect(changes.map(({ eventName }) => eventName)).toEqual(Array(6).fill('INSERT'));
    // ElectroDB's own key format: the GSI keys sit on the item beside the table's.
    expect(changes.find(({ NewImage }) => NewImage?.employee === 'tgreen')?.NewImage).toEqual({
      pk: '$taskapp#employee_tgreen',
      sk: '$employees_1',
      gsi1pk: '$taskapp#office_gw-zoo',
      gsi1sk: '$workplaces#employees_1#team_core#title_dev#employee_tgreen',
      __edb_e__: 'employees',
      __edb_v__: '1',
      ...employees[1],
    });
  });

  it('a query on a GSI access pattern reads the partition in index sort key order', async () => {
    const from = endpoint.sent.length;
    const { data } = await app.entities.employees.query.coworkers({ office: 'gw-zoo' }).go();
    // gsi1sk is team, title, employee: core/dev, core/lead, web/dev.
    expect(data.map(({ employee }) => employee)).toEqual(['tgreen', 'jlowe', 'mwhite']);
    const [query] = endpoint.sent.slice(from);
    expect(query).toMatchObject({ operation: 'Query', input: { IndexName: 'gsi1' } });
    const { data: devs } = await app.entities.employees.query
      .coworkers({ office: 'gw-zoo', team: 'core' })
      .begins({ title: 'd' })
      .go();
    expect(devs.map(({ employee }) => employee)).toEqual(['tgreen']);
    expect(await stream.next()).toEqual([]);
  });

  it('a collection reads two entities from one GSI partition in one Query', async () => {
    const from = endpoint.sent.length;
    const { data } = await app.collections.workplaces({ office: 'gw-zoo' }).go();
    expect(data.offices).toEqual([{ office: 'gw-zoo', country: 'us', city: 'atlanta' }]);
    expect(data.employees.map(({ employee }) => employee).sort()).toEqual(['jlowe', 'mwhite', 'tgreen']);
    expect(endpoint.sent.slice(from).map(({ operation, input }) => [operation, input.IndexName])).toEqual([
      ['Query', 'gsi1'],
    ]);
  });

  it('a local index reads the table partition in its own sort key order', async () => {
    await app.entities.offices.put({ office: 'austin', country: 'us', city: 'austin' }).go();
    expect(await written()).toEqual([
      ['INSERT', { pk: '$taskapp#country_us', sk: '$offices_1#city_austin#office_austin' }],
    ]);
    const from = endpoint.sent.length;
    const byCity = await app.entities.offices.query.locations({ country: 'us' }).go();
    // By city: atlanta (gw-zoo), austin, portland; by office name on the LSI: austin, gw-zoo, portland.
    expect(byCity.data.map(({ office }) => office)).toEqual(['gw-zoo', 'austin', 'portland']);
    const byName = await app.entities.offices.query.byName({ country: 'us' }).gt({ office: 'austin' }).go();
    expect(byName.data.map(({ office }) => office)).toEqual(['gw-zoo', 'portland']);
    expect(endpoint.sent.slice(from).map(({ input }) => input.IndexName)).toEqual([undefined, 'lsi1']);
  });

  it('a sparse index holds only the items whose condition holds, in its sort key order', async () => {
    await app.entities.tasks
      .put([
        { task: 't1', employee: 'tgreen', status: 'open', points: 5 },
        { task: 't2', employee: 'tgreen', status: 'closed', points: 3 },
        { task: 't3', employee: 'tgreen', status: 'open', points: 1 },
      ])
      .go();
    const changes = await stream.next();
    expect(changes.map(({ eventName, NewImage }) => [eventName, NewImage?.task, NewImage?.gsi2pk])).toEqual([
      ['INSERT', 't1', '$taskapp#employee_tgreen'],
      ['INSERT', 't2', undefined],
      ['INSERT', 't3', '$taskapp#employee_tgreen'],
    ]);
    const { data } = await app.entities.tasks.query.openTasks({ employee: 'tgreen' }).go();
    // Points are numbers in a string key: ElectroDB writes them as they print, so '1' sorts before '5'.
    expect(data.map(({ task, points }) => [task, points])).toEqual([
      ['t3', 1],
      ['t1', 5],
    ]);
  });

  it('an update that makes the condition false removes the index keys: the item leaves the index', async () => {
    // ElectroDB asks for every composite of an index with a condition when a write sets one of them.
    await app.entities.tasks.patch({ task: 't1' }).set({ status: 'closed', employee: 'tgreen', points: 5 }).go();
    const [change, ...rest] = await stream.next();
    expect(rest).toEqual([]);
    expect(change?.eventName).toBe('MODIFY');
    expect(change?.OldImage).toMatchObject({ status: 'open', gsi2pk: '$taskapp#employee_tgreen' });
    expect(change?.NewImage).toMatchObject({ status: 'closed' });
    expect(change?.NewImage).not.toHaveProperty('gsi2pk');
    expect(change?.NewImage).not.toHaveProperty('gsi2sk');
    const { data } = await app.entities.tasks.query.openTasks({ employee: 'tgreen' }).go();
    expect(data.map(({ task }) => task)).toEqual(['t3']);
  });

  it('an update that moves an item to another GSI partition: one MODIFY, found under its new key only', async () => {
    await app.entities.employees.patch({ employee: 'mwhite' }).set({ office: 'portland' }).go();
    expect(await written()).toEqual([['MODIFY', { pk: '$taskapp#employee_mwhite', sk: '$employees_1' }]]);
    const query = (office: string) => app.entities.employees.query.coworkers({ office }).go();
    expect((await query('gw-zoo')).data.map(({ employee }) => employee)).toEqual(['tgreen', 'jlowe']);
    expect((await query('portland')).data.map(({ employee }) => employee)).toEqual(['aking', 'mwhite']);
  });

  it('a delete takes the item out of its indexes: one REMOVE', async () => {
    await app.entities.employees.delete({ employee: 'jlowe' }).go();
    expect(await written()).toEqual([['REMOVE', { pk: '$taskapp#employee_jlowe', sk: '$employees_1' }]]);
    const { data } = await app.entities.employees.query.coworkers({ office: 'gw-zoo' }).go();
    expect(data.map(({ employee }) => employee)).toEqual(['tgreen']);
  });
});
