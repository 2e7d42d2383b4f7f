/**
 * UpdateExpression cases: item and tree, and the new item or the error text. Every row was run as a real UpdateItem
 * (ReturnValues ALL_NEW) on DynamoDB Local 2.9.30 and answered as written (the key attribute left out here), but for
 * the rows with a `local` error, where AWS answers otherwise.
 */
import type { AttributeMap } from '../../../src/model/attribute-value.js';
import type { UpdateTree } from '../../../src/expression/syntax-tree.js';
import { from, ifNotExists, listAppend, lit, minus, plus, update } from '../../support/expression-trees.js';

export interface UpdateCase {
  readonly name: string;
  readonly item: AttributeMap | undefined;
  readonly tree: UpdateTree;
  readonly result?: AttributeMap;
  readonly error?: string;
  /** DynamoDB Local's error where it departs from AWS's (`error`), with the source of AWS's. */
  readonly local?: string;
}

const MISSING = 'The provided expression refers to an attribute that does not exist in the item';
const TYPE = 'An operand in the update expression has an incorrect data type';
const PATH = 'The document path provided in the update expression is invalid for update';
const PRECISION = 'DynamoDB only supports precision up to 38 digits';
const OVERFLOW = 'Number overflow. Attempting to store a number with magnitude larger than supported range';
const UNDERFLOW = 'Number underflow. Attempting to store a number with magnitude smaller than supported range';
const MAX = '9.9999999999999999999999999999999999999E+125';

const one = { N: '1' };
const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
const abc = { l: { L: [S('a'), S('b'), S('c')] } };
const abcd = { l: { L: [S('a'), S('b'), S('c'), S('d')] } };
const n123 = { l: { L: [N('1'), N('2'), N('3')] } };

export const UPDATE_CASES: readonly UpdateCase[] = [
  // SET: values, arithmetic, functions
  { name: 'SET a value', item: {}, tree: update({ set: [['a', lit(one)]] }), result: { a: one } },
  { name: 'SET on no item', item: undefined, tree: update({ set: [['a', lit(one)]] }), result: { a: one } },
  {
    name: 'a + :one',
    item: { a: N('5') },
    tree: update({ set: [['a', plus(from('a'), lit(one))]] }),
    result: { a: N('6') },
  },
  {
    name: ':one - a',
    item: { a: N('5') },
    tree: update({ set: [['a', minus(lit(one), from('a'))]] }),
    result: { a: N('-4') },
  },
  {
    name: 'a - a is 0',
    item: { a: N('5') },
    tree: update({ set: [['a', minus(from('a'), lit(N('5')))]] }),
    result: { a: N('0') },
  },
  { name: ':one + :one', item: {}, tree: update({ set: [['a', plus(lit(one), lit(one))]] }), result: { a: N('2') } },
  {
    name: 'decimals exactly',
    item: { a: N('0.1') },
    tree: update({ set: [['a', plus(from('a'), lit(N('0.2')))]] }),
    result: { a: N('0.3') },
  },
  {
    name: '38 nines + 1',
    item: { a: N('9'.repeat(38)) },
    tree: update({ set: [['a', plus(from('a'), lit(one))]] }),
    result: { a: N(`1${'0'.repeat(38)}`) },
  },
  { name: 'a + :one, a missing', item: {}, tree: update({ set: [['a', plus(from('a'), lit(one))]] }), error: MISSING },
  {
    name: 'a + :one, a a string',
    item: { a: S('x') },
    tree: update({ set: [['a', plus(from('a'), lit(one))]] }),
    error: TYPE,
  },
  {
    name: 'a + b, b a set',
    item: { a: one, b: { SS: ['x'] } },
    tree: update({ set: [['a', plus(from('a'), from('b'))]] }),
    error: TYPE,
  },
  {
    name: 'b + a: b a string before a missing',
    item: { b: S('x') },
    tree: update({ set: [['a', plus(from('b'), from('a'))]] }),
    error: TYPE,
  },
  {
    name: 'b + a: b missing before a a string',
    item: { a: S('x') },
    tree: update({ set: [['a', plus(from('b'), from('a'))]] }),
    error: MISSING,
  },
  {
    name: 'precision lost',
    item: { a: N('1E+37') },
    tree: update({ set: [['a', plus(from('a'), lit(N('0.1')))]] }),
    error: PRECISION,
  },
  {
    name: 'MAX + MAX: out of range, though also over 38 digits',
    item: { a: N(MAX) },
    tree: update({ set: [['a', plus(from('a'), lit(N(MAX)))]] }),
    error: OVERFLOW,
    // AWS: ExtendDB/extenddb#94 (MAX + 1E+125 is "Number overflow" on AWS).
    local: PRECISION,
  },
  {
    name: 'overflow',
    item: { a: N('9E125') },
    tree: update({ set: [['a', plus(from('a'), lit(N('9E125')))]] }),
    error: OVERFLOW,
  },
  {
    name: 'underflow',
    item: { a: N('1.5E-130') },
    tree: update({ set: [['a', minus(from('a'), lit(N('1.4E-130')))]] }),
    error: UNDERFLOW,
  },
  {
    name: 'SET a = b',
    item: { b: S('B') },
    tree: update({ set: [['a', from('b')]] }),
    result: { a: S('B'), b: S('B') },
  },
  { name: 'SET a = b, b missing', item: {}, tree: update({ set: [['a', from('b')]] }), error: MISSING },
  {
    name: 'SET a = b.c, b.c missing',
    item: { b: { M: {} } },
    tree: update({ set: [['a', from('b.c')]] }),
    error: MISSING,
  },
  {
    name: 'swap reads the original',
    item: { a: S('A'), b: S('B') },
    tree: update({
      set: [
        ['a', from('b')],
        ['b', from('a')],
      ],
    }),
    result: { a: S('B'), b: S('A') },
  },
  {
    name: 'a later SET reads the original',
    item: { a: S('A') },
    tree: update({
      set: [
        ['a', lit(S('new'))],
        ['c', from('a')],
      ],
    }),
    result: { a: S('new'), c: S('A') },
  },
  {
    name: 'if_not_exists present',
    item: { a: N('5') },
    tree: update({ set: [['a', ifNotExists('a', lit(one))]] }),
    result: { a: N('5') },
  },
  {
    name: 'if_not_exists absent + 1',
    item: {},
    tree: update({ set: [['a', plus(ifNotExists('a', lit(one)), lit(one))]] }),
    result: { a: N('2') },
  },
  {
    name: 'if_not_exists through a string',
    item: { m: S('x') },
    tree: update({ set: [['a', ifNotExists('m.x', lit(one))]] }),
    result: { a: one, m: S('x') },
  },
  {
    name: 'if_not_exists fallback missing',
    item: {},
    tree: update({ set: [['a', ifNotExists('a', from('b'))]] }),
    error: MISSING,
  },
  {
    name: 'list_append',
    item: { l: { L: [S('a')] } },
    tree: update({ set: [['l', listAppend(lit({ L: [S('z')] }), from('l'))]] }),
    result: { l: { L: [S('z'), S('a')] } },
  },
  {
    name: 'list_append to if_not_exists',
    item: {},
    tree: update({ set: [['l', listAppend(ifNotExists('l', lit({ L: [] })), lit({ L: [S('z')] }))]] }),
    result: { l: { L: [S('z')] } },
  },
  {
    name: 'list_append of a string',
    item: { s: S('x') },
    tree: update({ set: [['l', listAppend(from('s'), lit({ L: [] }))]] }),
    error: TYPE,
  },
  {
    name: 'list_append second a string',
    item: { b: S('x') },
    tree: update({ set: [['a', listAppend(lit({ L: [] }), from('b'))]] }),
    error: TYPE,
  },
  {
    name: 'list_append of a missing list',
    item: {},
    tree: update({ set: [['l', listAppend(from('q'), lit({ L: [] }))]] }),
    error: MISSING,
  },
  // SET: paths
  {
    name: 'SET l[5] on 3 appends',
    item: abc,
    tree: update({ set: [['l[5]', lit(S('x'))]] }),
    result: { l: { L: [S('a'), S('b'), S('c'), S('x')] } },
  },
  {
    name: 'SET l[0] on an empty list',
    item: { l: { L: [] } },
    tree: update({ set: [['l[0]', lit(S('x'))]] }),
    result: { l: { L: [S('x')] } },
  },
  {
    name: 'appends in index order',
    item: abc,
    tree: update({
      set: [
        ['l[9]', lit(S('x'))],
        ['l[7]', lit(S('y'))],
        ['l[8]', lit(S('z'))],
      ],
    }),
    result: { l: { L: [S('a'), S('b'), S('c'), S('y'), S('z'), S('x')] } },
  },
  {
    name: 'append and replace',
    item: abc,
    tree: update({
      set: [
        ['l[9]', lit(S('x'))],
        ['l[1]', lit(S('y'))],
      ],
    }),
    result: { l: { L: [S('a'), S('y'), S('c'), S('x')] } },
  },
  {
    name: 'SET m.x in a map',
    item: { m: { M: { y: one } } },
    tree: update({ set: [['m.x', lit(S('x'))]] }),
    result: { m: { M: { x: S('x'), y: one } } },
  },
  {
    name: 'SET l[1].k in a list of maps',
    item: { l: { L: [one, { M: {} }] } },
    tree: update({ set: [['l[1].k', lit(one)]] }),
    result: { l: { L: [one, { M: { k: one } }] } },
  },
  { name: 'SET l[1] on a missing l', item: {}, tree: update({ set: [['l[1]', lit(S('x'))]] }), error: PATH },
  {
    name: 'SET m.x.y, m.x missing',
    item: { m: { M: {} } },
    tree: update({ set: [['m.x.y', lit(S('x'))]] }),
    error: PATH,
  },
  { name: 'SET m.x, m missing', item: {}, tree: update({ set: [['m.x', lit(S('x'))]] }), error: PATH },
  { name: 'SET m.x on no item', item: undefined, tree: update({ set: [['m.x', lit(S('x'))]] }), error: PATH },
  { name: 'SET s.x on a string', item: { s: S('s') }, tree: update({ set: [['s.x', lit(S('x'))]] }), error: PATH },
  {
    name: 'SET m[0] on a map',
    item: { m: { M: { a: S('1') } } },
    tree: update({ set: [['m[0]', lit(S('x'))]] }),
    error: PATH,
  },
  { name: 'SET l.x on a list', item: abc, tree: update({ set: [['l.x', lit(S('x'))]] }), error: PATH },
  { name: 'SET l[3].x past the end', item: abc, tree: update({ set: [['l[3].x', lit(S('x'))]] }), error: PATH },
  {
    name: 'a bad path waits for a missing operand',
    item: {},
    tree: update({
      set: [
        ['a.b.c', lit(one)],
        ['x', plus(from('q'), lit(one))],
      ],
    }),
    error: MISSING,
  },
  // REMOVE
  {
    name: 'REMOVE shifts, original indexes',
    item: abcd,
    tree: update({ remove: ['l[0]', 'l[2]'] }),
    result: { l: { L: [S('b'), S('d')] } },
  },
  {
    name: 'REMOVE in either order',
    item: abcd,
    tree: update({ remove: ['l[2]', 'l[0]'] }),
    result: { l: { L: [S('b'), S('d')] } },
  },
  {
    name: 'REMOVE past the end',
    item: { l: { L: [S('a')] } },
    tree: update({ remove: ['l[10]'] }),
    result: { l: { L: [S('a')] } },
  },
  { name: 'REMOVE a missing attribute', item: { x: S('1') }, tree: update({ remove: ['q'] }), result: { x: S('1') } },
  { name: 'REMOVE on no item', item: undefined, tree: update({ remove: ['a'] }), result: {} },
  {
    name: 'REMOVE a missing map key',
    item: { m: { M: {} } },
    tree: update({ remove: ['m.x'] }),
    result: { m: { M: {} } },
  },
  {
    name: 'REMOVE the last element',
    item: { l: { L: [S('1')] } },
    tree: update({ remove: ['l[0]'] }),
    result: { l: { L: [] } },
  },
  { name: 'REMOVE m.x.y, m missing', item: { x: S('1') }, tree: update({ remove: ['m.x.y'] }), error: PATH },
  { name: 'REMOVE m.x.y, m.x missing', item: { m: { M: {} } }, tree: update({ remove: ['m.x.y'] }), error: PATH },
  { name: 'REMOVE s.x on a string', item: { s: S('1') }, tree: update({ remove: ['s.x'] }), error: PATH },
  { name: 'REMOVE s[0] on a string', item: { s: S('1') }, tree: update({ remove: ['s[0]'] }), error: PATH },
  { name: 'REMOVE l[5].x past the end', item: abc, tree: update({ remove: ['l[5].x'] }), error: PATH },
  {
    name: 'SET l[2] REMOVE l[0]: both on the original',
    item: abc,
    tree: update({ set: [['l[2]', lit(S('x'))]], remove: ['l[0]'] }),
    result: { l: { L: [S('b'), S('x')] } },
  },
  {
    name: 'SET l[9] REMOVE l[0]',
    item: abc,
    tree: update({ set: [['l[9]', lit(S('x'))]], remove: ['l[0]'] }),
    result: { l: { L: [S('b'), S('c'), S('x')] } },
  },
  {
    name: 'SET c = a REMOVE a',
    item: { a: S('1'), b: S('2') },
    tree: update({ set: [['c', from('a')]], remove: ['a'] }),
    result: { b: S('2'), c: S('1') },
  },
  {
    name: 'REMOVE bad path before a missing operand',
    item: {},
    tree: update({ set: [['a', plus(from('q'), lit(one))]], remove: ['m.x'] }),
    error: PATH,
  },
  {
    // Found by conformance/random-expressions.test.ts (seed 2): a bare path is read before REMOVE's paths.
    name: 'a missing bare SET operand before a REMOVE bad path',
    item: {},
    tree: update({ set: [['m', from('a')]], remove: ['a.p'] }),
    error: MISSING,
  },
  // ADD
  { name: 'ADD creates a number', item: {}, tree: update({ add: [['n', one]] }), result: { n: one } },
  { name: 'ADD on no item', item: undefined, tree: update({ add: [['n', one]] }), result: { n: one } },
  { name: 'ADD to a number', item: { n: N('5') }, tree: update({ add: [['n', one]] }), result: { n: N('6') } },
  { name: 'ADD a number to a string', item: { n: S('x') }, tree: update({ add: [['n', one]] }), error: TYPE },
  {
    name: 'ADD a number set to a string set',
    item: { n: { SS: ['a'] } },
    tree: update({ add: [['n', { NS: ['1'] }]] }),
    error: TYPE,
  },
  {
    name: 'ADD a string set to a number',
    item: { n: one },
    tree: update({ add: [['n', { SS: ['a'] }]] }),
    error: TYPE,
  },
  { name: 'ADD a number to a list', item: abc, tree: update({ add: [['l', one]] }), error: TYPE },
  {
    name: 'ADD SS union',
    item: { n: { SS: ['a', 'b'] } },
    tree: update({ add: [['n', { SS: ['a', 'c'] }]] }),
    result: { n: { SS: ['a', 'b', 'c'] } },
  },
  {
    name: 'ADD NS union',
    item: { n: { NS: ['2', '10'] } },
    tree: update({ add: [['n', { NS: ['1', '2'] }]] }),
    result: { n: { NS: ['1', '2', '10'] } },
  },
  {
    name: 'ADD m.x in a map',
    item: { m: { M: {} } },
    tree: update({ add: [['m.x', one]] }),
    result: { m: { M: { x: one } } },
  },
  { name: 'ADD m.x, m missing', item: {}, tree: update({ add: [['m.x', one]] }), error: PATH },
  {
    name: 'ADD l[3] appends',
    item: abc,
    tree: update({ add: [['l[3]', one]] }),
    result: { l: { L: [S('a'), S('b'), S('c'), one] } },
  },
  {
    name: 'ADD to a set in a list',
    item: { l: { L: [S('a'), { SS: ['x'] }] } },
    tree: update({ add: [['l[1]', { SS: ['y'] }]] }),
    result: { l: { L: [S('a'), { SS: ['x', 'y'] }] } },
  },
  { name: 'ADD l[0] to a string element', item: abc, tree: update({ add: [['l[0]', one]] }), error: TYPE },
  {
    name: 'ADD type error before a SET bad path',
    item: { n: S('x') },
    tree: update({ set: [['a.b', lit(one)]], add: [['n', one]] }),
    error: TYPE,
  },
  {
    name: 'ADD and SET appends in index order',
    item: n123,
    tree: update({ set: [['l[4]', lit(one)]], add: [['l[3]', N('2')]] }),
    result: { l: { L: [N('1'), N('2'), N('3'), N('2'), one] } },
  },
  {
    name: 'ADD l[2] REMOVE l[1]: both on the original',
    item: n123,
    tree: update({ add: [['l[2]', one]], remove: ['l[1]'] }),
    result: { l: { L: [N('1'), N('4')] } },
  },
  { name: 'ADD overflow', item: { a: N('9E125') }, tree: update({ add: [['a', N('9E125')]] }), error: OVERFLOW },
  // DELETE
  {
    name: 'DELETE some members',
    item: { n: { NS: ['1', '2'] } },
    tree: update({ delete: [['n', { NS: ['1'] }]] }),
    result: { n: { NS: ['2'] } },
  },
  {
    name: 'DELETE every member removes it',
    item: { n: { SS: ['a', 'b'] } },
    tree: update({ delete: [['n', { SS: ['a', 'b', 'c'] }]] }),
    result: {},
  },
  {
    name: 'DELETE a nested set empty',
    item: { m: { M: { s: { SS: ['a'] } } } },
    tree: update({ delete: [['m.s', { SS: ['a'] }]] }),
    result: { m: { M: {} } },
  },
  {
    name: 'DELETE another set type',
    item: { n: { NS: ['1'] } },
    tree: update({ delete: [['n', { SS: ['1'] }]] }),
    error: TYPE,
  },
  { name: 'DELETE from a string', item: { n: S('x') }, tree: update({ delete: [['n', { SS: ['1'] }]] }), error: TYPE },
  {
    name: 'DELETE from a missing attribute',
    item: { x: S('x') },
    tree: update({ delete: [['n', { SS: ['1'] }]] }),
    result: { x: S('x') },
  },
  { name: 'DELETE on no item', item: undefined, tree: update({ delete: [['n', { SS: ['1'] }]] }), result: {} },
  {
    name: 'DELETE m.x, m missing',
    item: { x: S('x') },
    tree: update({ delete: [['m.x', { SS: ['1'] }]] }),
    error: PATH,
  },
  {
    name: 'DELETE past the end of a list',
    item: abc,
    tree: update({ delete: [['l[5]', { SS: ['a'] }]] }),
    result: abc,
  },
  {
    name: 'DELETE empties l[1] REMOVE l[0]',
    item: { l: { L: [one, { SS: ['a'] }, N('3')] } },
    tree: update({ delete: [['l[1]', { SS: ['a'] }]], remove: ['l[0]'] }),
    result: { l: { L: [N('3')] } },
  },
  {
    name: 'DELETE and ADD',
    item: { s: { SS: ['a'] }, n: one },
    tree: update({ delete: [['s', { SS: ['a'] }]], add: [['n', one]] }),
    result: { n: N('2') },
  },
  {
    name: 'DELETE type error before a missing SET operand',
    item: { s: one },
    tree: update({ set: [['a', plus(from('q'), lit(one))]], delete: [['s', { SS: ['a'] }]] }),
    error: TYPE,
  },
  {
    name: 'ADD bad path before a DELETE type error',
    item: { s: one },
    tree: update({ add: [['m.x', one]], delete: [['s', { SS: ['a'] }]] }),
    error: PATH,
  },
];
