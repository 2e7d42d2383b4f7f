/**
 * ProjectionExpression cases over one item: each row was run as a real GetItem on DynamoDB Local 2.9.30 and
 * answered as written (public suites record AWS alike: a list element comes back compacted, a map path keeps only
 * its key).
 */
import type { AttributeMap } from '../../../src/model/attribute-value.js';
import type { ProjectionTree } from '../../../src/expression/syntax-tree.js';
import { path } from '../../support/expression-trees.js';

export interface ProjectionCase {
  readonly name: string;
  readonly projection: ProjectionTree;
  readonly result: AttributeMap;
}

const S = (s: string) => ({ S: s });

export const PROJECTED: AttributeMap = {
  pk: S('p'),
  s: S('s'),
  n: { N: '5' },
  l: { L: [S('a'), { M: { k: S('v'), j: { N: '1' } } }, { L: [S('x'), S('y')] }, S('d')] },
  m: { M: { a: { N: '1' }, b: { M: { c: S('c'), d: S('d') } } } },
};

const paths = (...texts: string[]): ProjectionTree => texts.map(path);

export const PROJECTION_CASES: readonly ProjectionCase[] = [
  { name: 'top-level names', projection: paths('pk', 's'), result: { pk: S('p'), s: S('s') } },
  { name: 'a missing name', projection: paths('q', 's'), result: { s: S('s') } },
  {
    name: 'list elements compacted in index order',
    projection: paths('l[2]', 'l[0]'),
    result: { l: { L: [S('a'), { L: [S('x'), S('y')] }] } },
  },
  {
    name: 'an element and a key of another',
    projection: paths('l[3]', 'l[1].k'),
    result: { l: { L: [{ M: { k: S('v') } }, S('d')] } },
  },
  {
    name: 'two keys of one element merge',
    projection: paths('l[1].k', 'l[1].j'),
    result: { l: { L: [{ M: { k: S('v'), j: { N: '1' } } }] } },
  },
  { name: 'past the end of a list', projection: paths('l[9]'), result: {} },
  { name: 'an index of a string', projection: paths('s[0]'), result: {} },
  { name: 'a key of a string', projection: paths('s.x'), result: {} },
  { name: 'an index of a map', projection: paths('m[0]'), result: {} },
  { name: 'a key of a list', projection: paths('l.k'), result: {} },
  {
    name: 'nested map paths keep only their keys',
    projection: paths('m.b.c', 'm.a'),
    result: { m: { M: { a: { N: '1' }, b: { M: { c: S('c') } } } } },
  },
  { name: 'a missing map key', projection: paths('m.q'), result: {} },
  { name: 'a list in a list', projection: paths('l[2][1]'), result: { l: { L: [{ L: [S('y')] }] } } },
  {
    name: 'a list in a list and an element',
    projection: paths('l[2][1]', 'l[3]'),
    result: { l: { L: [{ L: [S('y')] }, S('d')] } },
  },
  {
    name: 'a whole map and a name',
    projection: paths('m.b', 's'),
    result: { m: { M: { b: { M: { c: S('c'), d: S('d') } } } }, s: S('s') },
  },
  {
    name: 'three kinds at once',
    projection: paths('n', 'm.b.c', 'l[1].j'),
    result: { n: { N: '5' }, m: { M: { b: { M: { c: S('c') } } } }, l: { L: [{ M: { j: { N: '1' } } }] } },
  },
];
