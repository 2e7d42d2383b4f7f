/**
 * Condition cases over one item of every type: each row was run as a ConditionExpression of a real UpdateItem on
 * DynamoDB Local 2.9.30 and held (true) or failed the check (false) as written. Nothing fails at run time. Values
 * are canonical, as the parser leaves them (numbers in canonical text, so `1.0` is written `1`).
 */
import type { AttributeMap } from '../../../src/model/attribute-value.js';
import type { ConditionNode } from '../../../src/expression/syntax-tree.js';
import {
  and,
  attr,
  beginsWith,
  between,
  cmp,
  contains,
  exists,
  isIn,
  not,
  notExists,
  or,
  size,
  typeIs,
  val,
} from '../../support/expression-trees.js';

export interface ConditionCase {
  readonly name: string;
  readonly condition: ConditionNode;
  readonly holds: boolean;
  /** The item, when not ITEM. */
  readonly item?: AttributeMap | undefined;
}

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const N = (n: string) => val({ N: n });
const S = (s: string) => val({ S: s });

export const ITEM: AttributeMap = {
  s: { S: 'a😀b' },
  n: { N: '5' },
  b: { B: bytes('abc') },
  ss: { SS: ['x', 'y'] },
  ns: { NS: ['1', '2'] },
  bs: { BS: [bytes('q')] },
  l: { L: [{ S: 'x' }, { N: '1' }, { M: { k: { S: 'v' } } }] },
  m: { M: { a: { N: '1' }, b: { S: '2' } } },
  t: { BOOL: true },
  z: { NULL: true },
  e: { S: '' },
  y: { S: 'y' },
  lo: { N: '6' },
  hi: { N: '1' },
};

export const CONDITION_CASES: readonly ConditionCase[] = [
  // size()
  { name: 'size of a string counts UTF-16 code units', condition: cmp(size('s'), '=', N('4')), holds: true },
  { name: 'size of a string is not its code points', condition: cmp(size('s'), '=', N('3')), holds: false },
  { name: 'size of a binary', condition: cmp(size('b'), '=', N('3')), holds: true },
  { name: 'size of a set', condition: cmp(size('ss'), '=', N('2')), holds: true },
  { name: 'size of a list', condition: cmp(size('l'), '=', N('3')), holds: true },
  { name: 'size of a map', condition: cmp(size('m'), '=', N('2')), holds: true },
  { name: 'size of an empty string', condition: cmp(size('e'), '=', N('0')), holds: true },
  { name: 'size of a list element', condition: cmp(size('l[2]'), '=', N('1')), holds: true },
  { name: 'size of a number is absent (=)', condition: cmp(size('n'), '=', N('1')), holds: false },
  { name: 'size of a number is absent (<>)', condition: cmp(size('n'), '<>', N('1')), holds: true },
  { name: 'size of a boolean', condition: cmp(size('t'), '=', N('1')), holds: false },
  { name: 'size of null', condition: cmp(size('z'), '=', N('1')), holds: false },
  { name: 'size of a missing attribute (=)', condition: cmp(size('q'), '=', N('0')), holds: false },
  { name: 'size of a missing attribute (<>)', condition: cmp(size('q'), '<>', N('0')), holds: true },
  { name: 'NOT size of a missing attribute', condition: not(cmp(size('q'), '=', N('0'))), holds: true },
  { name: 'size against a string', condition: cmp(size('s'), '=', attr('e')), holds: false },
  { name: 'size against size', condition: cmp(size('s'), '<', size('l')), holds: false },
  { name: 'size of two missing <>', condition: cmp(size('q'), '<>', size('r')), holds: true },
  // comparisons
  { name: 'missing = value', condition: cmp(attr('q'), '=', N('0')), holds: false },
  { name: 'missing <> value', condition: cmp(attr('q'), '<>', N('0')), holds: true },
  { name: 'missing < value', condition: cmp(attr('q'), '<', N('0')), holds: false },
  { name: 'two missing =', condition: cmp(attr('q'), '=', attr('r')), holds: false },
  { name: 'two missing <>', condition: cmp(attr('q'), '<>', attr('r')), holds: true },
  { name: 'number = string', condition: cmp(attr('n'), '=', S('5')), holds: false },
  { name: 'number <> string', condition: cmp(attr('n'), '<>', S('5')), holds: true },
  { name: 'number < string', condition: cmp(attr('n'), '<', S('5')), holds: false },
  { name: 'NOT number < string', condition: not(cmp(attr('n'), '<', S('5'))), holds: true },
  {
    name: 'map = map, keys in another order',
    condition: cmp(attr('m'), '=', val({ M: { b: { S: '2' }, a: { N: '1' } } })),
    holds: true,
  },
  { name: 'set = set in another order', condition: cmp(attr('ss'), '=', val({ SS: ['y', 'x'] })), holds: true },
  { name: 'map < number (paths)', condition: cmp(attr('m'), '<', attr('n')), holds: false },
  { name: 'set < set (paths)', condition: cmp(attr('ss'), '<', attr('y')), holds: false },
  { name: 'set <> string', condition: cmp(attr('ss'), '<>', attr('y')), holds: true },
  { name: 'null = null', condition: cmp(attr('z'), '=', val({ NULL: true })), holds: true },
  { name: 'bool = bool', condition: cmp(attr('t'), '=', val({ BOOL: true })), holds: true },
  { name: 'binary < binary, by bytes', condition: cmp(attr('b'), '<', val({ B: bytes('abd') })), holds: true },
  { name: 'number order', condition: cmp(attr('n'), '>=', N('4.99')), holds: true },
  {
    name: 'strings in UTF-8 order, not UTF-16',
    item: { s: { S: '\uffff' } },
    condition: cmp(attr('s'), '>', S('😀')),
    holds: false,
  },
  // BETWEEN, IN
  { name: 'BETWEEN numbers', condition: between(attr('n'), N('1'), N('9')), holds: true },
  { name: 'BETWEEN of another type', condition: between(attr('n'), S('a'), S('b')), holds: false },
  {
    name: 'BETWEEN bounds the wrong way round (paths)',
    condition: between(attr('n'), attr('lo'), attr('hi')),
    holds: false,
  },
  { name: 'BETWEEN a missing bound', condition: between(attr('n'), attr('q'), N('9')), holds: false },
  { name: 'IN with mixed types', condition: isIn(attr('n'), S('5'), N('5')), holds: true },
  { name: 'IN a map', condition: isIn(attr('m'), val({ M: { a: { N: '1' }, b: { S: '2' } } })), holds: true },
  { name: 'missing IN', condition: isIn(attr('q'), N('1')), holds: false },
  { name: 'missing IN a missing path', condition: isIn(attr('q'), attr('r'), N('1')), holds: false },
  // contains
  { name: 'contains a substring', condition: contains(attr('s'), S('😀')), holds: true },
  { name: 'contains a string set member', condition: contains(attr('ss'), S('y')), holds: true },
  { name: 'contains a number set member', condition: contains(attr('ns'), N('1')), holds: true },
  {
    name: 'contains a map element of a list',
    condition: contains(attr('l'), val({ M: { k: { S: 'v' } } })),
    holds: true,
  },
  { name: 'contains a number element of a list', condition: contains(attr('l'), N('1')), holds: true },
  { name: 'contains bytes of a binary', condition: contains(attr('b'), val({ B: bytes('bc') })), holds: true },
  { name: 'a map contains nothing', condition: contains(attr('m'), S('a')), holds: false },
  { name: 'a number contains nothing', condition: contains(attr('n'), N('5')), holds: false },
  { name: 'contains on a missing attribute', condition: contains(attr('q'), N('5')), holds: false },
  { name: 'NOT contains on a missing attribute', condition: not(contains(attr('q'), N('5'))), holds: true },
  { name: 'a string contains no number', condition: contains(attr('s'), attr('n')), holds: false },
  { name: 'contains a path value', condition: contains(attr('ss'), attr('y')), holds: true },
  { name: 'contains a missing path', condition: contains(attr('s'), attr('q')), holds: false },
  // begins_with
  { name: 'begins_with a string', condition: beginsWith(attr('s'), S('a')), holds: true },
  { name: 'begins_with a binary', condition: beginsWith(attr('b'), val({ B: bytes('ab') })), holds: true },
  { name: 'begins_with on a number', condition: beginsWith(attr('n'), S('5')), holds: false },
  { name: 'begins_with a binary on a string', condition: beginsWith(attr('s'), attr('b')), holds: false },
  { name: 'begins_with a number on a string', condition: beginsWith(attr('s'), attr('n')), holds: false },
  { name: 'begins_with on a set', condition: beginsWith(attr('ss'), S('x')), holds: false },
  { name: 'begins_with the empty string', condition: beginsWith(attr('s'), attr('e')), holds: true },
  { name: 'begins_with on a missing attribute', condition: beginsWith(attr('q'), S('a')), holds: false },
  { name: 'NOT begins_with on a missing attribute', condition: not(beginsWith(attr('q'), S('a'))), holds: true },
  { name: 'begins_with a missing prefix', condition: beginsWith(attr('s'), attr('q')), holds: false },
  // attribute_type, attribute_exists, attribute_not_exists
  ...(
    [
      ['s', 'S'],
      ['n', 'N'],
      ['b', 'B'],
      ['ss', 'SS'],
      ['ns', 'NS'],
      ['bs', 'BS'],
      ['l', 'L'],
      ['m', 'M'],
      ['t', 'BOOL'],
      ['z', 'NULL'],
    ] as const
  ).map(([path, type]) => ({ name: `attribute_type ${type}`, condition: typeIs(path, type), holds: true })),
  { name: 'attribute_type of another type', condition: typeIs('s', 'N'), holds: false },
  { name: 'attribute_type of a missing attribute', condition: typeIs('q', 'S'), holds: false },
  { name: 'attribute_exists in a map', condition: exists('m.a'), holds: true },
  { name: 'attribute_exists in a list of maps', condition: exists('l[2].k'), holds: true },
  { name: 'attribute_exists past a list end', condition: exists('l[5]'), holds: false },
  { name: 'attribute_exists through a string', condition: exists('s.x'), holds: false },
  { name: 'attribute_not_exists through a string', condition: notExists('s[0]'), holds: true },
  { name: 'attribute_not_exists on no item', item: undefined, condition: notExists('pk'), holds: true },
  { name: 'missing <> value on no item', item: undefined, condition: cmp(attr('q'), '<>', N('1')), holds: true },
  // AND, OR, NOT
  { name: 'AND', condition: and(exists('s'), cmp(attr('n'), '=', N('5'))), holds: true },
  { name: 'AND false', condition: and(exists('s'), exists('q')), holds: false },
  { name: 'OR', condition: or(exists('q'), exists('s')), holds: true },
  { name: 'OR false', condition: or(exists('q'), exists('r')), holds: false },
  { name: 'NOT OR', condition: not(or(exists('q'), exists('r'))), holds: true },
];
