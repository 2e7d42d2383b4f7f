/**
 * Rows with results: conditions on PutItem, DeleteItem and UpdateItem (every function and comparison, true and
 * false), and reads (GetItem, Query, Scan) with projections, key conditions and filters.
 */
import { B, BS, L, M, N, NS, NULL, S, SS, type ApiCase } from './case-types.js';
import { FULL, K, PARTITION, conditional, read } from './fixtures.js';

const failing = { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' };

export const CONDITION_ROWS: ApiCase[] = [
  conditional('put if attribute_not_exists(pk), new item: INSERT', [], 'PutItem', 'attribute_not_exists(pk)'),
  conditional('put if attribute_not_exists(pk), item there', [FULL], 'PutItem', 'attribute_not_exists(pk)'),
  conditional(
    'failed put returns the item when asked',
    [FULL],
    'PutItem',
    'attribute_not_exists(pk)',
    undefined,
    undefined,
    failing,
  ),
  conditional('put replacing an item: MODIFY, ALL_OLD', [FULL], 'PutItem', 'attribute_exists(pk)'),
  conditional('delete if n = :v', [FULL], 'DeleteItem', 'n = :v', { ':v': N('5') }),
  conditional(
    'failed delete returns the item when asked',
    [FULL],
    'DeleteItem',
    'n = :v',
    { ':v': N('6') },
    undefined,
    failing,
  ),
  conditional('delete of a missing item if attribute_exists', [], 'DeleteItem', 'attribute_exists(pk)'),
  conditional(
    'delete of a missing item if attribute_not_exists: no record',
    [],
    'DeleteItem',
    'attribute_not_exists(pk)',
  ),
  conditional('update if n BETWEEN', [FULL], 'UpdateItem', 'n BETWEEN :lo AND :hi', { ':lo': N('1'), ':hi': N('5') }),
  conditional('update if n IN', [FULL], 'UpdateItem', 'n IN (:a, :b)', { ':a': N('4'), ':b': N('5') }),
  conditional('failed update, item returned', [FULL], 'UpdateItem', 'n IN (:a)', { ':a': N('4') }, undefined, failing),
  conditional('AND binds tighter than OR', [FULL], 'UpdateItem', 'n = :x OR n = :y AND s = :z', {
    ':x': N('5'),
    ':y': N('0'),
    ':z': S('no'),
  }),
  conditional('parentheses change the grouping', [FULL], 'UpdateItem', '(n = :x OR n = :y) AND s = :z', {
    ':x': N('5'),
    ':y': N('0'),
    ':z': S('no'),
  }),
  conditional('NOT binds tighter than AND', [FULL], 'UpdateItem', 'NOT n = :x AND s = :s', {
    ':x': N('0'),
    ':s': S('héllo'),
  }),
  conditional('size of a string counts characters', [FULL], 'UpdateItem', 'size(s) = :v', { ':v': N('5') }),
  conditional('size of a binary counts bytes', [FULL], 'UpdateItem', 'size(b) = :v', { ':v': N('3') }),
  conditional('size of a set counts members', [FULL], 'UpdateItem', 'size(ss) = :v AND size(bs) = :v', {
    ':v': N('2'),
  }),
  conditional('size of a list and of a map', [FULL], 'UpdateItem', 'size(l) = :three AND size(m) = :two', {
    ':three': N('3'),
    ':two': N('2'),
  }),
  conditional('size of a missing attribute is false', [FULL], 'UpdateItem', 'size(gone) >= :zero', { ':zero': N('0') }),
  conditional('size of a number is false', [FULL], 'UpdateItem', 'size(n) >= :zero', { ':zero': N('0') }),
  conditional('contains a substring', [FULL], 'UpdateItem', 'contains(s, :v)', { ':v': S('éll') }),
  conditional('contains a set member', [FULL], 'UpdateItem', 'contains(ss, :v) AND contains(ns, :n)', {
    ':v': S('a'),
    ':n': N('2.0'),
  }),
  conditional('contains a list element', [FULL], 'UpdateItem', 'contains(l, :v)', { ':v': M({ p: S('q') }) }),
  conditional('contains of a binary', [FULL], 'UpdateItem', 'contains(b, :v)', { ':v': B(2, 3) }),
  conditional('contains on a map is false', [FULL], 'UpdateItem', 'contains(m, :v)', { ':v': S('p') }),
  conditional('begins_with a string', [FULL], 'UpdateItem', 'begins_with(s, :v)', { ':v': S('hé') }),
  conditional('begins_with a binary', [FULL], 'UpdateItem', 'begins_with(b, :v)', { ':v': B(1) }),
  conditional('begins_with on a number is false', [FULL], 'UpdateItem', 'begins_with(n, :v)', { ':v': S('5') }),
  conditional('attribute_type S', [FULL], 'UpdateItem', 'attribute_type(s, :t)', { ':t': S('S') }),
  conditional('attribute_type M of a nested map', [FULL], 'UpdateItem', 'attribute_type(m.q, :t)', { ':t': S('M') }),
  conditional('attribute_type NULL, false', [FULL], 'UpdateItem', 'attribute_type(t, :t)', { ':t': S('NULL') }),
  conditional('a comparison across types is false', [FULL], 'UpdateItem', 'n < :v', { ':v': S('9') }),
  conditional('<> across types is true', [FULL], 'UpdateItem', 'n <> :v', { ':v': S('5') }),
  conditional('sets are equal whatever their order', [FULL], 'UpdateItem', 'ss = :v', { ':v': SS('b', 'a') }),
  conditional('lists and maps compare by value', [FULL], 'UpdateItem', 'l = :l AND m.q = :q', {
    ':l': L(S('x'), N('2'), M({ p: S('q') })),
    ':q': M({ r: S('deep') }),
  }),
  conditional('NULL equals NULL', [FULL], 'UpdateItem', 'z = :z', { ':z': NULL }),
  conditional('numbers compare by value', [FULL], 'UpdateItem', 'n > :a AND n = :b', {
    ':a': N('10E-1'),
    ':b': N('5.00'),
  }),
  conditional('strings compare by UTF-8 bytes', [FULL], 'UpdateItem', 's > :v', { ':v': S('hz') }),
  conditional('binaries compare unsigned', [{ ...K, b: B(200) }], 'UpdateItem', 'b > :v', { ':v': B(100) }),
  conditional(
    'attribute_exists of a nested path',
    [FULL],
    'UpdateItem',
    'attribute_exists(m.q.r) AND attribute_exists(l[2].p)',
  ),
  conditional('attribute_exists past the end of a list', [FULL], 'UpdateItem', 'attribute_exists(l[5])'),
  conditional('a missing attribute compares false', [FULL], 'UpdateItem', 'gone < :v OR gone >= :v', { ':v': N('1') }),
  conditional(
    'reserved word through #name in a condition',
    [{ ...K, status: S('on') }],
    'UpdateItem',
    '#s = :on',
    { ':on': S('on') },
    {
      '#s': 'status',
    },
  ),
  conditional('a condition in parentheses', [FULL], 'DeleteItem', '(n = :v)', { ':v': N('5') }),
];

const partition = { ':p': S('p') };

export const READ_ROWS: ApiCase[] = [
  read('GetItem projection of attributes and a nested path', [FULL], 'GetItem', {
    ProjectionExpression: 'n, m.q.r, pk',
  }),
  read('GetItem projection of list elements is compacted', [FULL], 'GetItem', { ProjectionExpression: 'l[2], l[0]' }),
  read('GetItem projection of a map inside a list', [FULL], 'GetItem', { ProjectionExpression: 'l[2].p, m.p' }),
  read('GetItem projection of missing attributes', [FULL], 'GetItem', {
    ProjectionExpression: 'gone, l[9], m.nothing',
  }),
  read('GetItem projection through #names', [{ ...K, status: S('on') }], 'GetItem', {
    ProjectionExpression: '#s, #k',
    ExpressionAttributeNames: { '#s': 'status', '#k': 'sk' },
  }),
  read('Query on the partition key', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: partition,
  }),
  read('Query sk BETWEEN, backwards', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
    ExpressionAttributeValues: { ...partition, ':a': N('2'), ':b': N('3') },
    ScanIndexForward: false,
  }),
  read('Query sk <, names as placeholders', PARTITION, 'Query', {
    KeyConditionExpression: '#h = :p AND #r < :v',
    ExpressionAttributeNames: { '#h': 'pk', '#r': 'sk' },
    ExpressionAttributeValues: { ...partition, ':v': N('3') },
  }),
  read('Query key condition written sort key first', PARTITION, 'Query', {
    KeyConditionExpression: 'sk >= :v AND pk = :p',
    ExpressionAttributeValues: { ...partition, ':v': N('2') },
  }),
  read('Query filter after Limit: Count and ScannedCount', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p',
    FilterExpression: 'n <> :two',
    ExpressionAttributeValues: { ...partition, ':two': N('2') },
    Limit: 2,
  }),
  read('Query Select COUNT with a filter', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p',
    FilterExpression: 'attribute_exists(l)',
    ExpressionAttributeValues: partition,
    Select: 'COUNT',
  }),
  read('Query Select SPECIFIC_ATTRIBUTES', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p',
    ProjectionExpression: 's, l[1]',
    ExpressionAttributeValues: partition,
    Select: 'SPECIFIC_ATTRIBUTES',
  }),
  read('Query filter on an attribute not projected', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p',
    FilterExpression: 'size(s) = :six',
    ProjectionExpression: 'sk',
    ExpressionAttributeValues: { ...partition, ':six': N('6') },
  }),
  read('Query filter with contains and begins_with', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p',
    FilterExpression: 'contains(ss, :x) OR begins_with(s, :c)',
    ExpressionAttributeValues: { ...partition, ':x': S('x'), ':c': S('ch') },
  }),
  read('Scan with a filter', PARTITION, 'Scan', {
    FilterExpression: 'n >= :v',
    ExpressionAttributeValues: { ':v': N('3') },
  }),
  read('Scan with a projection and a filter', PARTITION, 'Scan', {
    FilterExpression: 'attribute_type(l, :t)',
    ProjectionExpression: 'l[0], m',
    ExpressionAttributeValues: { ':t': S('L') },
  }),
  read('Scan filter on a set type', [FULL, { pk: S('q'), sk: N('1'), ns: NS('3'), bs: BS([9]) }], 'Scan', {
    FilterExpression: 'contains(ns, :n)',
    ExpressionAttributeValues: { ':n': N('3') },
  }),
];
