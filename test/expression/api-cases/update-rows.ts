/** UpdateItem rows with results: SET, REMOVE, ADD, DELETE, ReturnValues of nested paths, and the stream. */
import { B, BS, L, M, N, NS, S, SS, type ApiCase, type Item } from './case-types.js';
import { FULL, K, update } from './fixtures.js';

const one = { ':one': N('1') };

/**
 * UPDATED_OLD and UPDATED_NEW of a nested path: AWS returns only the fragment the update touched (`SET m.p` gives
 * `{m: {M: {p}}}`, an element of a list comes back as a one-element list); DynamoDB Local returns the whole
 * top-level attribute.
 */
const FRAGMENT_SOURCE =
  "AWS returns only the updated fragment of a nested path: nubo-db/dynoxide#36 (found by nubo-db/dynamodb-conformance against AWS: `SET parent.child` gives `{parent: {M: {child}}}`); list elements and UPDATED_OLD as in a public emulator's table of DynamoDB's deep-path answers (deep_return_values_cases)";
function fragment(row: ApiCase, Attributes: Item): ApiCase {
  return { ...row, aws: { answer: { output: { Attributes } }, source: FRAGMENT_SOURCE } };
}

export const UPDATE_ROWS: ApiCase[] = [
  // SET
  update('SET a new attribute: MODIFY', [FULL], 'SET a = :v', { ':v': S('new') }),
  update('SET on a missing item creates it: INSERT', [], 'SET a = :v', { ':v': S('new') }),
  update('SET n = n + :one', [FULL], 'SET n = n + :one', one, undefined, { ReturnValues: 'UPDATED_OLD' }),
  update('SET n = :ten - n', [FULL], 'SET n = :ten - n', { ':ten': N('10') }, undefined, {
    ReturnValues: 'UPDATED_NEW',
  }),
  update('decimal arithmetic is exact: 0.1 + 0.2', [], 'SET x = :a + :b', { ':a': N('0.1'), ':b': N('0.2') }),
  update('38 digits add exactly', [], 'SET x = :a + :b', {
    ':a': N('1234567890123456789012345678901234567'),
    ':b': N('0.1'),
  }),
  update('a sum keeps no trailing zeros', [], 'SET x = :a + :b', { ':a': N('1.50'), ':b': N('-1.5') }),
  update('SET l = list_append(l, :l) appends', [FULL], 'SET l = list_append(l, :l)', { ':l': L(N('9')) }, undefined, {
    ReturnValues: 'UPDATED_NEW',
  }),
  update('SET l = list_append(:l, l) prepends', [FULL], 'SET l = list_append(:l, l)', { ':l': L(N('0')) }, undefined, {
    ReturnValues: 'UPDATED_NEW',
  }),
  update('list_append of two values', [], 'SET x = list_append(:a, :b)', { ':a': L(S('a')), ':b': L() }),
  update(
    'if_not_exists on a missing attribute counts from the default',
    [FULL],
    'SET c = if_not_exists(c, :zero) + :one',
    { ':zero': N('0'), ...one },
    undefined,
    { ReturnValues: 'UPDATED_NEW' },
  ),
  update('if_not_exists keeps a present value', [FULL], 'SET n = if_not_exists(n, :v)', { ':v': N('100') }, undefined, {
    ReturnValues: 'UPDATED_NEW',
  }),
  update(
    'list_append(if_not_exists(l, :empty), :l) on a missing list',
    [],
    'SET l = list_append(if_not_exists(l, :empty), :l)',
    { ':empty': L(), ':l': L(S('first')) },
  ),
  fragment(
    update('SET l[1] replaces an element', [FULL], 'SET l[1] = :v', { ':v': S('two') }, undefined, {
      ReturnValues: 'UPDATED_NEW',
    }),
    { l: L(S('two')) },
  ),
  update('SET l[10] past the end appends', [FULL], 'SET l[10] = :v', { ':v': S('end') }),
  update('SET of two indexes past the end appends them in index order', [FULL], 'SET l[7] = :b, l[5] = :a', {
    ':a': S('a'),
    ':b': S('b'),
  }),
  update('SET l[0] on an empty list', [{ ...K, l: L() }], 'SET l[0] = :v', { ':v': N('1') }),
  fragment(
    update('SET m.p sets a nested attribute', [FULL], 'SET m.p = :v', { ':v': S('nested') }, undefined, {
      ReturnValues: 'UPDATED_NEW',
    }),
    { m: M({ p: S('nested') }) },
  ),
  fragment(
    update('SET m.q.r two levels down', [FULL], 'SET m.q.r = :v', { ':v': N('2') }, undefined, {
      ReturnValues: 'UPDATED_OLD',
    }),
    { m: M({ q: M({ r: S('deep') }) }) },
  ),
  fragment(
    update('SET a new key in a map', [FULL], 'SET m.added = :v', { ':v': BS([7]) }, undefined, {
      ReturnValues: 'UPDATED_NEW',
    }),
    { m: M({ added: BS([7]) }) },
  ),
  fragment(
    update('SET l[2].p in a map inside a list', [FULL], 'SET l[2].p = :v', { ':v': S('r') }, undefined, {
      ReturnValues: 'UPDATED_NEW',
    }),
    { l: L(M({ p: S('r') })) },
  ),
  update(
    'SET #s through a name placeholder (a reserved word)',
    [FULL],
    'SET #s = :v',
    { ':v': S('on') },
    { '#s': 'status' },
  ),
  fragment(
    update(
      'SET #m.#p through placeholders',
      [FULL],
      'SET #m.#p = :v',
      { ':v': N('3') },
      { '#m': 'm', '#p': 'p' },
      {
        ReturnValues: 'UPDATED_NEW',
      },
    ),
    { m: M({ p: N('3') }) },
  ),
  update('a placeholder for a name with a dot is one name', [FULL], 'SET #d = :v', { ':v': N('1') }, { '#d': 'm.p' }),
  update('SET a = b copies an attribute', [FULL], 'SET dup = m', undefined, undefined, { ReturnValues: 'UPDATED_NEW' }),
  update('SET of the value it has: no stream record', [FULL], 'SET n = :v', { ':v': N('5.0') }, undefined, {
    ReturnValues: 'UPDATED_NEW',
  }),
  update('SET an empty string outside the key', [FULL], 'SET e = :e', { ':e': S('') }),
  update('SET an empty binary outside the key', [FULL], 'SET e = :e', { ':e': B() }),
  update('SET a map holding an empty string and an empty list', [], 'SET e = :e', { ':e': M({ s: S(''), l: L() }) }),
  update('SET a 38-digit number', [], 'SET x = :v', { ':v': N('99999999999999999999999999999999999999') }),
  update('SET the largest and smallest magnitudes', [], 'SET big = :big, small = :small', {
    ':big': N('9.9999999999999999999999999999999999999E+125'),
    ':small': N('-1E-130'),
  }),
  update('numbers are stored canonical', [], 'SET x = :a, y = :b, z = :c', {
    ':a': N('00042'),
    ':b': N('1.5E2'),
    ':c': N('-0'),
  }),
  update('SET with several actions', [FULL], 'SET a = :a, b = :b, n = n - :one', {
    ':a': S('a'),
    ':b': S('b'),
    ...one,
  }),
  update('lowercase keywords', [FULL], 'set a = :v remove n', { ':v': N('1') }),
  // ReturnValues
  update('ALL_OLD of a new item is empty', [], 'SET a = :v', { ':v': N('1') }, undefined, { ReturnValues: 'ALL_OLD' }),
  update('UPDATED_OLD of a new attribute is empty', [FULL], 'SET a = :v', { ':v': N('1') }, undefined, {
    ReturnValues: 'UPDATED_OLD',
  }),
  fragment(
    update(
      'UPDATED_NEW of m.p and l[0]',
      [FULL],
      'SET m.p = :v, l[0] = :w',
      { ':v': N('7'), ':w': S('y') },
      undefined,
      {
        ReturnValues: 'UPDATED_NEW',
      },
    ),
    { m: M({ p: N('7') }), l: L(S('y')) },
  ),
  fragment(
    update(
      'UPDATED_OLD of m.p and l[0]',
      [FULL],
      'SET m.p = :v, l[0] = :w',
      { ':v': N('7'), ':w': S('y') },
      undefined,
      {
        ReturnValues: 'UPDATED_OLD',
      },
    ),
    { m: M({ p: N('1') }), l: L(S('x')) },
  ),
  fragment(
    update('UPDATED_OLD of a REMOVE of a nested path', [FULL], 'REMOVE m.q.r', undefined, undefined, {
      ReturnValues: 'UPDATED_OLD',
    }),
    { m: M({ q: M({ r: S('deep') }) }) },
  ),
  update('UPDATED_NEW of a REMOVE is empty', [FULL], 'REMOVE n', undefined, undefined, { ReturnValues: 'UPDATED_NEW' }),
  update('ReturnValues NONE', [FULL], 'SET n = :v', { ':v': N('6') }, undefined, { ReturnValues: 'NONE' }),
  // REMOVE
  update('REMOVE an attribute', [FULL], 'REMOVE n, s'),
  update('REMOVE of a missing attribute: no stream record', [FULL], 'REMOVE nothing'),
  fragment(
    update('REMOVE l[0] shifts the later elements', [FULL], 'REMOVE l[0]', undefined, undefined, {
      ReturnValues: 'UPDATED_NEW',
    }),
    { l: L(N('2')) },
  ),
  update('REMOVE l[0], l[2] removes both, by the old indexes', [FULL], 'REMOVE l[2], l[0]'),
  update('REMOVE past the end of a list changes nothing', [FULL], 'REMOVE l[9]'),
  update('REMOVE m.q.r', [FULL], 'REMOVE m.q.r'),
  update('REMOVE on a missing item creates it, keys only', [], 'REMOVE a'),
  // ADD
  update('ADD to a number', [FULL], 'ADD n :v', { ':v': N('-2.5') }, undefined, { ReturnValues: 'UPDATED_NEW' }),
  update('ADD to a missing number creates it', [FULL], 'ADD hits :one', one, undefined, {
    ReturnValues: 'UPDATED_NEW',
  }),
  update('ADD on a missing item creates it', [], 'ADD hits :one', one),
  update('ADD to a string set', [FULL], 'ADD ss :v', { ':v': SS('b', 'c') }, undefined, {
    ReturnValues: 'UPDATED_NEW',
  }),
  update('ADD a string set to a missing attribute creates it', [FULL], 'ADD tags :v', { ':v': SS('t') }),
  update('ADD to a number set: 1.0 is 1', [FULL], 'ADD ns :v', { ':v': NS('1.0', '3') }, undefined, {
    ReturnValues: 'UPDATED_NEW',
  }),
  update('ADD to a binary set', [FULL], 'ADD bs :v', { ':v': BS([2], [3]) }, undefined, {
    ReturnValues: 'UPDATED_NEW',
  }),
  update('ADD of members already there: no stream record', [FULL], 'ADD ss :v', { ':v': SS('a') }),
  // DELETE
  update('DELETE from a string set', [FULL], 'DELETE ss :v', { ':v': SS('a', 'z') }, undefined, {
    ReturnValues: 'UPDATED_NEW',
  }),
  update('DELETE of every member removes the attribute', [FULL], 'DELETE ns :v', { ':v': NS('1', '2.0') }, undefined, {
    ReturnValues: 'UPDATED_OLD',
  }),
  update('DELETE of members not there: no stream record', [FULL], 'DELETE ss :v', { ':v': SS('z') }),
  update('DELETE from a missing attribute changes nothing', [FULL], 'DELETE gone :v', { ':v': SS('z') }),
  update('DELETE from a binary set', [FULL], 'DELETE bs :v', { ':v': BS([1]) }),
  // Clauses together
  update('the three-action update', [FULL], 'SET n = n + :one, l = list_append(l, :l) REMOVE s', {
    ...one,
    ':l': L(S('z')),
  }),
  update('all four clauses, in another order', [FULL], 'REMOVE t DELETE ss :d ADD n :one SET a = :a', {
    ':d': SS('a'),
    ...one,
    ':a': M({ x: L() }),
  }),
];
