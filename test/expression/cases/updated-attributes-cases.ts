/**
 * ReturnValues UPDATED_OLD / UPDATED_NEW cases: the update, and what each returns (undefined: no Attributes member).
 * AWS returns the touched paths (`SET m.x` gives {m: {M: {x}}}; recorded against AWS by the dynamodb-conformance
 * suite, nubo-db/dynoxide#36). Rows with `local: 'same'` were answered so by DynamoDB Local 2.9.30; on rows with
 * `local: 'whole attribute'` it returns the whole top-level attribute instead (when the path is in the item), and
 * these follow AWS.
 */
import type { AttributeMap } from '../../../src/model/attribute-value.js';
import type { UpdateTree } from '../../../src/expression/syntax-tree.js';
import { from, ifNotExists, lit, update } from '../../support/expression-trees.js';

export interface UpdatedAttributesCase {
  readonly name: string;
  readonly tree: UpdateTree;
  readonly old: AttributeMap | undefined;
  readonly new: AttributeMap | undefined;
  readonly local: 'same' | 'whole attribute';
}

const one = { N: '1' };
const S = (s: string) => ({ S: s });

export const BEFORE: AttributeMap = {
  m: { M: { x: one, y: S('y'), l: { L: [{ N: '0' }, { M: { k: S('k'), j: S('j') } }] } } },
  a: { N: '5' },
  s: { SS: ['a', 'b'] },
};

export const UPDATED_ATTRIBUTES_CASES: readonly UpdatedAttributesCase[] = [
  {
    name: 'SET a top-level attribute',
    tree: update({ set: [['a', lit(one)]] }),
    old: { a: { N: '5' } },
    new: { a: one },
    local: 'same',
  },
  {
    name: 'SET the same value',
    tree: update({ set: [['a', lit({ N: '5' })]] }),
    old: { a: { N: '5' } },
    new: { a: { N: '5' } },
    local: 'same',
  },
  {
    name: 'SET a new attribute',
    tree: update({ set: [['b', lit(one)]] }),
    old: undefined,
    new: { b: one },
    local: 'same',
  },
  {
    name: 'if_not_exists of a present attribute',
    tree: update({ set: [['a', ifNotExists('a', lit(one))]] }),
    old: { a: { N: '5' } },
    new: { a: { N: '5' } },
    local: 'same',
  },
  {
    name: 'REMOVE an attribute',
    tree: update({ remove: ['a'] }),
    old: { a: { N: '5' } },
    new: undefined,
    local: 'same',
  },
  {
    name: 'REMOVE a missing attribute',
    tree: update({ remove: ['q'] }),
    old: undefined,
    new: undefined,
    local: 'same',
  },
  { name: 'ADD creates', tree: update({ add: [['q', one]] }), old: undefined, new: { q: one }, local: 'same' },
  {
    name: 'ADD to a number',
    tree: update({ add: [['a', one]] }),
    old: { a: { N: '5' } },
    new: { a: { N: '6' } },
    local: 'same',
  },
  {
    name: 'DELETE empties a set',
    tree: update({ delete: [['s', { SS: ['a', 'b'] }]] }),
    old: { s: { SS: ['a', 'b'] } },
    new: undefined,
    local: 'same',
  },
  {
    name: 'DELETE some members',
    tree: update({ delete: [['s', { SS: ['a'] }]] }),
    old: { s: { SS: ['a', 'b'] } },
    new: { s: { SS: ['b'] } },
    local: 'same',
  },
  {
    name: 'SET past the end of a list',
    tree: update({ set: [['m.l[5]', lit(one)]] }),
    old: undefined,
    new: undefined,
    local: 'same',
  },
  {
    name: 'SET a nested key',
    tree: update({ set: [['m.x', lit(S('new'))]] }),
    old: { m: { M: { x: one } } },
    new: { m: { M: { x: S('new') } } },
    local: 'whole attribute',
  },
  {
    name: 'SET a new nested key',
    tree: update({ set: [['m.z', lit(one)]] }),
    old: undefined,
    new: { m: { M: { z: one } } },
    local: 'whole attribute',
  },
  {
    name: 'SET in a list element',
    tree: update({ set: [['m.l[1].k', lit(one)]] }),
    old: { m: { M: { l: { L: [{ M: { k: S('k') } }] } } } },
    new: { m: { M: { l: { L: [{ M: { k: one } }] } } } },
    local: 'whole attribute',
  },
  {
    name: 'REMOVE a nested key',
    tree: update({ remove: ['m.x'] }),
    old: { m: { M: { x: one } } },
    new: undefined,
    local: 'whole attribute',
  },
  {
    name: 'SET and REMOVE',
    tree: update({ set: [['a', from('m.x')]], remove: ['q', 'm.y'] }),
    old: { a: { N: '5' }, m: { M: { y: S('y') } } },
    new: { a: one },
    local: 'whole attribute',
  },
];
