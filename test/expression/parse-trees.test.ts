import { describe, expect, it } from 'vitest';
import { parseRequestExpressions, type ExpressionMembers } from '../../src/expression/request-expressions.js';
import type { ConditionNode, Operand, SetValue } from '../../src/expression/syntax-tree.js';
import type { KeySchema } from '../../src/model/key-schema.js';

const values = {
  ':v': { S: 'x' },
  ':w': { S: 'y' },
  ':n': { N: '1' },
  ':l': { L: [{ S: 'e' }] },
  ':t': { S: 'SS' },
  ':s': { SS: ['a'] },
};
const x: Operand = { kind: 'value', value: { S: 'x' } };
const y: Operand = { kind: 'value', value: { S: 'y' } };
const one: Operand = { kind: 'value', value: { N: '1' } };
const p = (...path: (string | number)[]): Operand => ({ kind: 'path', path });
const eq = (left: Operand, right: Operand): ConditionNode => ({ kind: 'compare', comparator: '=', left, right });

/** Parses `expression` as a ConditionExpression with the shared values, keeping only those it uses. */
function condition(expression: string, names?: Record<string, string>): ConditionNode | undefined {
  return parseRequestExpressions(members({ ConditionExpression: expression }, expression, names)).condition;
}

function members(input: ExpressionMembers, expression: string, names?: Record<string, string>): ExpressionMembers {
  const used = Object.entries(values).filter(([key]) => new RegExp(`${key}(?![A-Za-z0-9_])`).test(expression));
  return {
    ...input,
    ...(names && { ExpressionAttributeNames: names }),
    ...(used.length > 0 && { ExpressionAttributeValues: Object.fromEntries(used) }),
  };
}

describe('conditions parse to the syntax tree, with AWS precedence', () => {
  const a = eq(p('a'), x);
  const b = eq(p('b'), x);
  const c = eq(p('c'), x);
  it.each<[string, ConditionNode]>([
    ['a = :v', a],
    ['(a = :v)', a],
    ['(a) = :v', a],
    [':v = a', eq(x, p('a'))],
    ['a = :v AND b = :v OR c = :v', { kind: 'or', left: { kind: 'and', left: a, right: b }, right: c }],
    ['a = :v OR b = :v AND c = :v', { kind: 'or', left: a, right: { kind: 'and', left: b, right: c } }],
    ['a = :v AND (b = :v OR c = :v)', { kind: 'and', left: a, right: { kind: 'or', left: b, right: c } }],
    ['a = :v and b = :v and c = :v', { kind: 'and', left: { kind: 'and', left: a, right: b }, right: c }],
    ['NOT a = :v AND b = :v', { kind: 'and', left: { kind: 'not', operand: a }, right: b }],
    ['NOT (a = :v AND b = :v)', { kind: 'not', operand: { kind: 'and', left: a, right: b } }],
    ['not not a = :v', { kind: 'not', operand: { kind: 'not', operand: a } }],
    ...(['<>', '<', '<=', '>', '>='] as const).map((comparator): [string, ConditionNode] => [
      `a ${comparator} :v`,
      { kind: 'compare', comparator, left: p('a'), right: x },
    ]),
    ['a<=:v', { kind: 'compare', comparator: '<=', left: p('a'), right: x }],
    ['a BETWEEN :v AND :w', { kind: 'between', subject: p('a'), low: x, high: y }],
    [
      'a between :v and :w AND b = :v',
      { kind: 'and', left: { kind: 'between', subject: p('a'), low: x, high: y }, right: b },
    ],
    ['a IN (:v, :w, b)', { kind: 'in', subject: p('a'), list: [x, y, p('b')] }],
    ['attribute_exists(a.b[3].c)', { kind: 'attribute_exists', path: ['a', 'b', 3, 'c'] }],
    ['attribute_not_exists(#n)', { kind: 'attribute_not_exists', path: ['status'] }],
    ['attribute_type(a, :t)', { kind: 'attribute_type', path: ['a'], type: { kind: 'value', value: { S: 'SS' } } }],
    ['begins_with(a, :v)', { kind: 'begins_with', subject: p('a'), prefix: x }],
    ['contains(a, :v)', { kind: 'contains', subject: p('a'), operand: x }],
    ['contains(a, b)', { kind: 'contains', subject: p('a'), operand: p('b') }],
    ['size(a) > :n', { kind: 'compare', comparator: '>', left: { kind: 'size', path: ['a'] }, right: one }],
    ['size(a) = size(b)', eq({ kind: 'size', path: ['a'] }, { kind: 'size', path: ['b'] })],
    ['a[0][12] = :v', eq(p('a', 0, 12), x)],
    ['#n.#n = :v', eq(p('status', 'status'), x)],
    ['a.#p = :v', eq(p('a', '__proto__'), x)],
    ['a_1.B2 = :v', eq(p('a_1', 'B2'), x)],
  ])('%s', (expression, tree) => {
    const names: Record<string, string> | undefined = /#n/.test(expression)
      ? { '#n': 'status' }
      : /#p/.test(expression)
        ? { '#p': '__proto__' }
        : undefined;
    expect(condition(expression, names)).toEqual(tree);
  });

  it('canonicalises :values (numbers normalised)', () => {
    const parsed = parseRequestExpressions({
      ConditionExpression: 'a = :n',
      ExpressionAttributeValues: { ':n': { N: '01.50' } },
    });
    expect(parsed.condition).toEqual(eq(p('a'), { kind: 'value', value: { N: '1.5' } }));
  });
});

describe('updates parse to the syntax tree', () => {
  const v = (value: object): SetValue => ({ kind: 'value', value }) as SetValue;
  it.each<[string, object]>([
    ['SET a = :v', { set: [{ path: ['a'], value: v({ S: 'x' }) }] }],
    [
      'set a = b, c = :v',
      {
        set: [
          { path: ['a'], value: { kind: 'path', path: ['b'] } },
          { path: ['c'], value: v({ S: 'x' }) },
        ],
      },
    ],
    [
      'SET a = a + :n, b = (b) - :n',
      {
        set: [
          { path: ['a'], value: { kind: 'plus', left: { kind: 'path', path: ['a'] }, right: v({ N: '1' }) } },
          { path: ['b'], value: { kind: 'minus', left: { kind: 'path', path: ['b'] }, right: v({ N: '1' }) } },
        ],
      },
    ],
    [
      'SET l = list_append(if_not_exists(l, :l), :l)',
      {
        set: [
          {
            path: ['l'],
            value: {
              kind: 'list_append',
              first: { kind: 'if_not_exists', path: ['l'], fallback: v({ L: [{ S: 'e' }] }) },
              second: v({ L: [{ S: 'e' }] }),
            },
          },
        ],
      },
    ],
    [
      'SET a = if_not_exists(a, :n) + :n',
      {
        set: [
          {
            path: ['a'],
            value: {
              kind: 'plus',
              left: { kind: 'if_not_exists', path: ['a'], fallback: v({ N: '1' }) },
              right: v({ N: '1' }),
            },
          },
        ],
      },
    ],
    ['REMOVE a, b[2], c.d', { remove: [['a'], ['b', 2], ['c', 'd']] }],
    [
      'ADD n :n, s :s',
      {
        add: [
          { path: ['n'], value: { N: '1' } },
          { path: ['s'], value: { SS: ['a'] } },
        ],
      },
    ],
    ['DELETE s :s', { delete: [{ path: ['s'], value: { SS: ['a'] } }] }],
    [
      'REMOVE r ADD n :n DELETE s :s SET a = :v',
      {
        set: [{ path: ['a'], value: v({ S: 'x' }) }],
        remove: [['r']],
        add: [{ path: ['n'], value: { N: '1' } }],
        delete: [{ path: ['s'], value: { SS: ['a'] } }],
      },
    ],
    ['SET #n = :v', { set: [{ path: ['status'], value: v({ S: 'x' }) }] }],
  ])('%s', (expression, tree) => {
    const names = expression.includes('#n') ? { '#n': 'status' } : undefined;
    const parsed = parseRequestExpressions(members({ UpdateExpression: expression }, expression, names));
    expect(parsed.update).toEqual({ set: [], remove: [], add: [], delete: [], ...tree });
  });
});

describe('projections and key conditions', () => {
  it('a projection keeps its paths in order', () => {
    const parsed = parseRequestExpressions({
      ProjectionExpression: 'a, b.c, #n[1]',
      ExpressionAttributeNames: { '#n': 'size' },
    });
    expect(parsed.projection).toEqual([['a'], ['b', 'c'], ['size', 1]]);
  });

  const schema: KeySchema = { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'N' } };
  const key = (expression: string) =>
    parseRequestExpressions(members({ KeyConditionExpression: expression }, expression), { keySchema: schema })
      .keyCondition;

  it.each<[string, object | undefined]>([
    ['pk = :v', undefined],
    ['pk = :v AND sk = :n', eq(p('sk'), one)],
    ['pk = :v AND :n < sk', { kind: 'compare', comparator: '>', left: p('sk'), right: one }],
    ['sk >= :n AND :v = pk', { kind: 'compare', comparator: '>=', left: p('sk'), right: one }],
    ['(pk = :v) AND (sk BETWEEN :n AND :n)', { kind: 'between', subject: p('sk'), low: one, high: one }],
  ])('%s', (expression, sortCondition) => {
    expect(key(expression)).toEqual({
      partitionKey: { name: 'pk', value: { S: 'x' } },
      ...(sortCondition && { sortKey: { name: 'sk', condition: sortCondition } }),
    });
  });

  it('begins_with on a string sort key', () => {
    const stringSort: KeySchema = { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' } };
    const parsed = parseRequestExpressions(
      {
        KeyConditionExpression: 'pk = :v AND begins_with(sk, :w)',
        ExpressionAttributeValues: { ':v': values[':v'], ':w': values[':w'] },
      },
      { keySchema: stringSort },
    );
    expect(parsed.keyCondition?.sortKey).toEqual({
      name: 'sk',
      condition: { kind: 'begins_with', subject: p('sk'), prefix: y },
    });
  });
});

describe('placeholders across the expressions of one request', () => {
  it('a value used by the condition only is used', () => {
    const parsed = parseRequestExpressions({
      UpdateExpression: 'SET #a = :v',
      ConditionExpression: 'attribute_exists(#a) AND b = :n',
      ExpressionAttributeNames: { '#a': 'a' },
      ExpressionAttributeValues: { ':v': values[':v'], ':n': values[':n'] },
    });
    expect(parsed.condition?.kind).toBe('and');
    expect(parsed.update?.set).toHaveLength(1);
  });

  it('names hold any key, __proto__ included, as data', () => {
    const names = JSON.parse('{"#a": "__proto__", "#b": "constructor"}') as Record<string, string>;
    const parsed = parseRequestExpressions({ ProjectionExpression: '#a, #b', ExpressionAttributeNames: names });
    expect(parsed.projection).toEqual([['__proto__'], ['constructor']]);
  });

  it('a reserved word is refused in any case, and accepted through a placeholder', () => {
    expect(() => parseRequestExpressions({ ProjectionExpression: 'Status' })).toThrow(
      'Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: Status',
    );
    expect(
      parseRequestExpressions({ ProjectionExpression: '#s', ExpressionAttributeNames: { '#s': 'Status' } }).projection,
    ).toEqual([['Status']]);
  });
});
