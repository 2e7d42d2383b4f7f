/**
 * ElectroDB 3.9 through `DynamoDBDocumentClient`, doing what its README does (the `tasks` entity: put, create,
 * patch with set/add/append and a where condition, a query on a sort-key prefix with a filter, pages through a
 * cursor, a service transaction), with the table's stream read after every step. The steps run in order on one
 * table; each states the exact records it must add to the stream. See library-endpoint.ts for the endpoints.
 */
import { Entity, Service } from 'electrodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryEndpoint, tableName, type LibraryEndpoint, type StreamTail } from './library-endpoint.js';

const TABLE = tableName('electrodb-tasks');

let endpoint: LibraryEndpoint;
let stream: StreamTail;

function taskEntity(client: LibraryEndpoint['doc']) {
  return new Entity(
    {
      model: { entity: 'tasks', version: '1', service: 'taskapp' },
      attributes: {
        team: { type: 'string', required: true },
        task: { type: 'string', required: true },
        project: { type: 'string', required: true },
        status: { type: ['open', 'in-progress', 'closed'] as const, default: 'open' },
        points: { type: 'number', default: 0 },
        comments: {
          type: 'list',
          default: [],
          items: { type: 'map', properties: { user: { type: 'string' }, body: { type: 'string' } } },
        },
      },
      indexes: {
        projects: {
          pk: { field: 'pk', composite: ['team'] },
          sk: { field: 'sk', composite: ['project', 'task'] },
        },
      },
    },
    { table: TABLE, client },
  );
}

let tasks: ReturnType<typeof taskEntity>;

/** The keys ElectroDB writes for a task: service and composite values, lower-cased, in its own key format. */
const keysOf = (team: string, project: string, task: string) => ({
  pk: `$taskapp#team_${team}`,
  sk: `$tasks_1#project_${project}#task_${task}`,
});

/** An item as ElectroDB stores it: the attributes, the keys, and its entity and version identifiers. */
function stored(attributes: { team: string; task: string; project: string } & Record<string, unknown>) {
  return {
    ...keysOf(attributes.team, attributes.project, attributes.task),
    __edb_e__: 'tasks',
    __edb_v__: '1',
    ...attributes,
  };
}

/** ElectroDB wraps the SDK's error in its own, the SDK's as the cause. */
const refused = {
  name: 'ElectroError',
  cause: { name: 'ConditionalCheckFailedException', message: 'The conditional request failed' },
};

beforeAll(async () => {
  endpoint = await libraryEndpoint();
  stream = await endpoint.createTable({
    TableName: TABLE,
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
  });
  tasks = taskEntity(endpoint.doc);
});

afterAll(async () => {
  await endpoint?.close();
});

describe('ElectroDB through DynamoDBDocumentClient', () => {
  const first = { team: 'core', task: '45-662', project: 'backend' };

  it('put writes the item with its keys and identifiers: one INSERT', async () => {
    const result = await tasks.put({ ...first, status: 'in-progress' }).go();
    expect(result.data).toEqual({ ...first, status: 'in-progress', points: 0, comments: [] });
    const item = stored({ ...first, status: 'in-progress', points: 0, comments: [] });
    expect(await stream.next()).toEqual([
      { eventName: 'INSERT', Keys: keysOf('core', 'backend', '45-662'), NewImage: item },
    ]);
  });

  it('create refuses an item that exists (attribute_not_exists) and writes nothing', async () => {
    await expect(tasks.create({ ...first }).go()).rejects.toMatchObject(refused);
    expect(await stream.next()).toEqual([]);
    const second = { team: 'core', task: '45-663', project: 'backend' };
    await tasks.create({ ...second, points: 2 }).go();
    expect(await stream.next()).toEqual([
      {
        eventName: 'INSERT',
        Keys: keysOf('core', 'backend', '45-663'),
        NewImage: stored({ ...second, status: 'open', points: 2, comments: [] }),
      },
    ]);
  });

  it('patch with set, add and append under a where condition: one MODIFY with both images', async () => {
    const comment = { user: 'janet', body: 'This seems half-baked.' };
    const result = await tasks
      .patch(first)
      .set({ status: 'open' })
      .add({ points: 5 })
      .append({ comments: [comment] })
      .where(({ status }, { eq }) => eq(status, 'in-progress'))
      .go({ response: 'all_new' });
    expect(result.data).toEqual({ ...first, status: 'open', points: 5, comments: [comment] });
    expect(await stream.next()).toEqual([
      {
        eventName: 'MODIFY',
        Keys: keysOf('core', 'backend', '45-662'),
        OldImage: stored({ ...first, status: 'in-progress', points: 0, comments: [] }),
        NewImage: stored({ ...first, status: 'open', points: 5, comments: [comment] }),
      },
    ]);
  });

  it('patch whose where condition fails changes nothing', async () => {
    const patch = tasks
      .patch(first)
      .add({ points: 1 })
      .where(({ status }, { eq }) => eq(status, 'closed'))
      .go();
    await expect(patch).rejects.toMatchObject(refused);
    expect(await stream.next()).toEqual([]);
  });

  it('get with attributes reads a projection and writes nothing', async () => {
    const result = await tasks.get(first).go({ attributes: ['status', 'points'] });
    expect(result.data).toEqual({ status: 'open', points: 5 });
    expect(await stream.next()).toEqual([]);
  });

  it('batch put writes several items: one INSERT each', async () => {
    const more = ['45-664', '45-665', '45-666'].map((task, i) => ({
      team: 'core',
      task,
      project: 'backlog',
      points: i,
    }));
    const result = await tasks.put(more).go();
    expect(result.unprocessed).toEqual([]);
    expect(await stream.next()).toEqual(
      more.map((attributes) => ({
        eventName: 'INSERT',
        Keys: keysOf('core', 'backlog', attributes.task),
        NewImage: stored({ ...attributes, status: 'open', comments: [] }),
      })),
    );
  });

  it('query on a sort-key prefix with a filter returns the matching items and writes nothing', async () => {
    const from = endpoint.sent.length;
    const result = await tasks.query
      .projects({ team: 'core' })
      .begins({ project: 'back' })
      .where(({ points }, { gte }) => gte(points, 2))
      .go();
    expect(result.data.map(({ task, points }) => [task, points])).toEqual([
      ['45-662', 5],
      ['45-663', 2],
      ['45-666', 2],
    ]);
    expect(endpoint.sent.slice(from).map(({ operation }) => operation)).toEqual(['Query']);
    expect(await stream.next()).toEqual([]);
  });

  it('pages through a partition with a cursor, two items a page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { data: { task: string }[]; cursor: string | null } = await tasks.query
        .projects({ team: 'core' })
        .go({ limit: 2, cursor });
      seen.push(...page.data.map(({ task }) => task));
      cursor = page.cursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(seen).toEqual(['45-662', '45-663', '45-664', '45-665', '45-666']);
    expect(pages).toBe(3);
  });

  it('a service transaction creates, patches and deletes together: INSERT, MODIFY and REMOVE', async () => {
    const service = new Service({ tasks }, { table: TABLE, client: endpoint.doc });
    const added = { team: 'core', task: '45-667', project: 'backend' };
    const result = await service.transaction
      .write(({ tasks: entity }) => [
        entity.create({ ...added, points: 8 }).commit(),
        entity
          .patch({ team: 'core', task: '45-663', project: 'backend' })
          .add({ points: 1 })
          .where(({ status }, { eq }) => eq(status, 'open'))
          .commit(),
        entity.delete({ team: 'core', task: '45-664', project: 'backlog' }).commit(),
      ])
      .go();
    expect(result.canceled).toBe(false);
    const second = { team: 'core', task: '45-663', project: 'backend' };
    const deleted = { team: 'core', task: '45-664', project: 'backlog' };
    expect(await stream.next()).toEqual([
      {
        eventName: 'MODIFY',
        Keys: keysOf('core', 'backend', '45-663'),
        OldImage: stored({ ...second, status: 'open', points: 2, comments: [] }),
        NewImage: stored({ ...second, status: 'open', points: 3, comments: [] }),
      },
      {
        eventName: 'INSERT',
        Keys: keysOf('core', 'backend', '45-667'),
        NewImage: stored({ ...added, status: 'open', points: 8, comments: [] }),
      },
      {
        eventName: 'REMOVE',
        Keys: keysOf('core', 'backlog', '45-664'),
        OldImage: stored({ ...deleted, status: 'open', points: 0, comments: [] }),
      },
    ]);
  });

  it('a transaction with a failing condition is canceled and writes nothing', async () => {
    const service = new Service({ tasks }, { table: TABLE, client: endpoint.doc });
    const result = await service.transaction
      .write(({ tasks: entity }) => [
        entity.create({ team: 'core', task: '45-668', project: 'backend' }).commit(),
        entity.create({ ...first }).commit(),
      ])
      .go();
    expect(result.canceled).toBe(true);
    expect(result.data.map(({ code }) => code)).toEqual(['None', 'ConditionalCheckFailed']);
    expect(await stream.next()).toEqual([]);
  });
});
