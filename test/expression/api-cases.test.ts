/**
 * Expressions through the AWS SDK v3 client, in process: each row (api-cases/*-rows.ts) puts its items in a fresh
 * table, sends one request with expressions, and expects AWS's answer (recorded against DynamoDB Local in
 * api-cases/recorded.ts, or AWS's own where a row says so) and exactly the stream records AWS would write: none
 * for a failed request or an update that changes nothing, INSERT or MODIFY by whether the item was there.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWire, type WireFixture } from '../support/sdk-clients.js';
import type { ApiCase, Expected } from './api-cases/case-types.js';
import { RECORDED } from './api-cases/recorded.js';
import { ERROR_ROWS, RESULT_ROWS } from './api-cases/rows.js';
import { runCase } from './api-cases/run-case.js';

/**
 * An answer with what AWS does not promise taken out: the order of a set's members ("not preserved") and of a
 * Scan's items (hash order on AWS and DynamoDB Local, key order in shardline).
 */
function comparable(answer: Expected, row: ApiCase): unknown {
  const text = (value: unknown) =>
    JSON.stringify(value, (_key, member: unknown) =>
      member instanceof Uint8Array ? Buffer.from(member).toString('hex') : member,
    );
  const visit = (value: unknown, key = ''): unknown => {
    if (Array.isArray(value)) {
      const members = value.map((member) => visit(member));
      return key === 'SS' || key === 'NS' || key === 'BS' || (key === 'Items' && row.op === 'Scan')
        ? members.sort((a, b) => (text(a) < text(b) ? -1 : 1))
        : members;
    }
    if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
    // Keys in name order, so the text a Scan's items are sorted by does not depend on the order they were built in.
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(entries.map(([k, member]) => [k, visit(member, k)]));
  };
  return visit(answer);
}

let wire: WireFixture;
let tables = 0;
beforeAll(async () => {
  wire = await makeWire();
});

function check(row: ApiCase): () => Promise<void> {
  return async () => {
    const recorded = RECORDED[row.name];
    expect(recorded, `no recorded answer for '${row.name}'`).toBeDefined();
    const expected = row.aws === undefined ? recorded : { ...row.aws.answer, stream: recorded?.stream ?? [] };
    const answer = await runCase(wire, row, `api_case_${++tables}`);
    expect(comparable(answer, row)).toEqual(comparable(expected as Expected, row));
  };
}

describe('expressions through the SDK: results', () => {
  for (const row of RESULT_ROWS) it(row.name, check(row));
});

describe('expressions through the SDK: AWS error texts', () => {
  for (const row of ERROR_ROWS) it(row.name, check(row));
});

describe('the rows', () => {
  it('have unique names, and every recorded answer belongs to a row', () => {
    const names = [...RESULT_ROWS, ...ERROR_ROWS].map((row) => row.name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(RECORDED).filter((name) => !names.includes(name))).toEqual([]);
  });
});
