/**
 * Rows whose answer is an error: syntax, placeholders, reserved words, operand types, paths, key attributes,
 * numbers, sizes, key conditions, and mixing expressions with legacy parameters. Each must leave no stream record.
 */
import { L, M, N, NS, S, SS, type ApiCase } from './case-types.js';
import { FULL, K, PARTITION, conditional, read, update } from './fixtures.js';

const v = { ':v': N('1') };
const partition = { ':p': S('p') };
/** A string of `n` bytes. */
const big = (n: number) => S('x'.repeat(n));

export const ERROR_ROWS: ApiCase[] = [
  // Syntax
  update('syntax: an action left unfinished', [FULL], 'SET a = '),
  update('syntax: no = in SET', [FULL], 'SET a :v', v),
  update('syntax: not an update clause', [FULL], 'INVALID SYNTAX'),
  update('syntax: a trailing comma', [FULL], 'SET a = :v,', v),
  update('syntax: a clause twice', [FULL], 'SET a = :v SET b = :v', v),
  update('syntax: REMOVE twice', [FULL], 'REMOVE a REMOVE b'),
  update('syntax: an unknown function', [FULL], 'SET a = foo(b)'),
  update('syntax: if_not_exists of a value', [FULL], 'SET a = if_not_exists(:v, :v)', v),
  update('syntax: a condition function in an update', [FULL], 'SET a = size(b)'),
  update('syntax: the empty update', [FULL], ''),
  conditional('syntax: a dangling AND', [FULL], 'UpdateItem', 'n = :v AND', v),
  conditional('syntax: = =', [FULL], 'UpdateItem', 'n = = :v', v),
  conditional('syntax: BETWEEN without AND', [FULL], 'UpdateItem', 'n BETWEEN :v', v),
  conditional('syntax: an open parenthesis', [FULL], 'UpdateItem', '(n = :v', v),
  conditional('syntax: function names are case-sensitive', [FULL], 'UpdateItem', 'Attribute_Exists(n)'),
  conditional('syntax: contains with one operand', [FULL], 'UpdateItem', 'contains(n)'),
  conditional('syntax: the empty condition', [FULL], 'PutItem', ''),
  read('syntax: !! in a projection', [FULL], 'GetItem', { ProjectionExpression: '!!' }),
  read('syntax: the empty projection', [FULL], 'GetItem', { ProjectionExpression: '' }),
  read('syntax: a projection ending in a comma', [FULL], 'GetItem', { ProjectionExpression: 'a,' }),
  read('syntax: an index that is not a number', [FULL], 'GetItem', { ProjectionExpression: 'l[x]' }),
  read('syntax: a key condition ending in AND', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p AND',
    ExpressionAttributeValues: partition,
  }),
  read('syntax: the empty key condition', PARTITION, 'Query', { KeyConditionExpression: '' }),
  read('syntax: a filter with a stray token', PARTITION, 'Scan', {
    FilterExpression: 'n = :v )',
    ExpressionAttributeValues: v,
  }),
  // Placeholders
  update('undefined :value', [FULL], 'SET a = :v'),
  update('undefined #name', [FULL], 'SET #a = :v', v),
  read('undefined #name in a filter', PARTITION, 'Scan', {
    FilterExpression: '#missing = :v',
    ExpressionAttributeValues: v,
  }),
  update('unused :value', [FULL], 'SET a = :v', { ...v, ':unused': N('2') }),
  update('unused :values, listed', [FULL], 'SET a = :v', { ...v, ':x': N('2'), ':y': N('3') }),
  update('unused #name', [FULL], 'SET a = :v', v, { '#unused': 'b' }),
  update('unused #name and :value', [FULL], 'SET a = :v', { ...v, ':x': N('2') }, { '#unused': 'b' }),
  {
    name: 'ExpressionAttributeValues without an expression',
    items: [FULL],
    op: 'PutItem',
    input: { Item: K, ExpressionAttributeValues: v },
  },
  read('ExpressionAttributeNames without an expression', [FULL], 'GetItem', {
    ExpressionAttributeNames: { '#a': 'a' },
  }),
  update('an empty ExpressionAttributeValues', [FULL], 'SET a = b', {}),
  update('a value placeholder without its colon', [FULL], 'SET a = :v', { v: N('1') }),
  update('an empty string set as a value', [FULL], 'SET a = :v', { ':v': SS() }),
  update('an empty number set inside a map', [FULL], 'SET a = :v', { ':v': M({ p: NS() }) }),
  update('an empty string set inside a list', [FULL], 'SET a = :v', { ':v': L(SS()) }),
  // Reserved words
  update('a reserved word as a name: status', [FULL], 'SET status = :v', v),
  read('a reserved word in a projection: name', [FULL], 'GetItem', { ProjectionExpression: 'name' }),
  read('a reserved word in a filter: data', PARTITION, 'Scan', {
    FilterExpression: 'data = :v',
    ExpressionAttributeValues: v,
  }),
  // Operand types
  update('+ with a string value', [FULL], 'SET n = n + :s', { ':s': S('1') }),
  update('+ on a string attribute', [FULL], 'SET s = s + :v', v),
  update('+ on a missing attribute', [FULL], 'SET c = c + :v', v),
  update('ADD of a string', [FULL], 'ADD n :s', { ':s': S('x') }),
  update('ADD of a list', [FULL], 'ADD l :l', { ':l': L(N('1')) }),
  update('ADD of a number set to a string set', [FULL], 'ADD ss :v', { ':v': NS('1') }),
  update('ADD of a number to a string', [FULL], 'ADD s :v', v),
  update('DELETE of a number', [FULL], 'DELETE n :v', v),
  update('DELETE of a number set from a string set', [FULL], 'DELETE ss :v', { ':v': NS('1') }),
  update('list_append of a map value', [FULL], 'SET l = list_append(l, :m)', { ':m': M({}) }),
  update('list_append to a number', [FULL], 'SET n = list_append(n, :l)', { ':l': L() }),
  conditional('size() alone is not a condition', [FULL], 'UpdateItem', 'size(s)'),
  conditional('begins_with a number value', [FULL], 'UpdateItem', 'begins_with(s, :v)', v),
  conditional('attribute_type of an unknown type', [FULL], 'UpdateItem', 'attribute_type(s, :t)', {
    ':t': S('STRING'),
  }),
  conditional('contains(a, a)', [FULL], 'UpdateItem', 'contains(s, s)'),
  conditional('BETWEEN with its bounds reversed', [FULL], 'UpdateItem', 'n BETWEEN :hi AND :lo', {
    ':hi': N('9'),
    ':lo': N('1'),
  }),
  conditional('BETWEEN bounds of two types', [FULL], 'UpdateItem', 'n BETWEEN :lo AND :hi', {
    ':lo': N('1'),
    ':hi': S('9'),
  }),
  conditional(
    'IN with 101 operands',
    [FULL],
    'UpdateItem',
    `n IN (${Array.from({ length: 101 }, () => ':v').join(', ')})`,
    v,
  ),
  // Paths
  update('SET one path twice', [FULL], 'SET a = :v, a = :v', v),
  update('SET m.p and REMOVE m: overlap', [FULL], 'SET m.p = :v REMOVE m', v),
  update('SET l[0] and l.p: conflict', [FULL], 'SET l[0] = :v, l.p = :v', v),
  update('ADD and DELETE of one attribute', [FULL], 'ADD ss :s DELETE ss :s', { ':s': SS('a') }),
  read('a projection of overlapping paths', [FULL], 'GetItem', { ProjectionExpression: 'm, m.p' }),
  update('SET through a missing map', [FULL], 'SET m.x.y = :v', v),
  update('SET through a number', [FULL], 'SET n.p = :v', v),
  update('SET an index of a map', [FULL], 'SET m[0] = :v', v),
  update('SET an index of a missing attribute', [FULL], 'SET gone[0] = :v', v),
  update('SET through a missing item', [], 'SET m.p = :v', v),
  // Key attributes
  update('SET of the partition key', [FULL], 'SET pk = :v', { ':v': S('q') }),
  update('REMOVE of the sort key', [FULL], 'REMOVE sk'),
  update('ADD to the sort key', [FULL], 'ADD sk :v', v),
  update('SET of the key to its own value', [FULL], 'SET pk = :v', { ':v': S('p') }),
  // Numbers and sizes
  update('a value of 39 significant digits', [FULL], 'SET a = :v', {
    ':v': N('1234567890123456789012345678901234567890'),
  }),
  update('a value past the largest magnitude', [FULL], 'SET a = :v', { ':v': N('1E126') }),
  update('a value below the smallest magnitude', [FULL], 'SET a = :v', { ':v': N('1E-131') }),
  update('a sum past the largest magnitude', [FULL], 'SET a = :v + :v', { ':v': N('9E125') }),
  update('a sum needing 39 digits', [FULL], 'SET a = :a + :b', {
    ':a': N('99999999999999999999999999999999999999'),
    ':b': N('0.1'),
  }),
  update('an update past the item size limit', [{ ...K, a: big(300_000) }], 'SET b = a'),
  update('list_append past the item size limit', [{ ...K, l: L(big(250_000)) }], 'SET l = list_append(l, l)'),
  update('an expression longer than 4 KB', [FULL], `SET a = :v${', a = :v'.repeat(600)}`, v),
  // Key conditions and reads
  read('a key condition with < on the partition key', PARTITION, 'Query', {
    KeyConditionExpression: 'pk < :p',
    ExpressionAttributeValues: partition,
  }),
  {
    ...read('a key condition without the partition key', PARTITION, 'Query', {
      KeyConditionExpression: 'sk = :v',
      ExpressionAttributeValues: v,
    }),
    aws: {
      answer: { error: { name: 'ValidationException', message: 'Query condition missed key schema element: pk' } },
      source:
        "AWS's text as its users quote it (moto's tests; logs of deployed code in public repositories); DynamoDB Local leaves the key's name out (conformance known difference query-missed-key-name)",
    },
  },
  read('a key condition with OR', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p OR sk = :v',
    ExpressionAttributeValues: { ...partition, ...v },
  }),
  read('a key condition with begins_with on a number key', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p AND begins_with(sk, :v)',
    ExpressionAttributeValues: { ...partition, ...v },
  }),
  read('a key condition on the sort key twice', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p AND sk > :v AND sk < :v',
    ExpressionAttributeValues: { ...partition, ...v },
  }),
  read('a key condition value of the wrong type', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: { ':p': N('1') },
  }),
  read('a filter on a key attribute', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p',
    FilterExpression: 'sk > :v',
    ExpressionAttributeValues: { ...partition, ...v },
  }),
  read('Select COUNT with a projection', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: partition,
    ProjectionExpression: 'n',
    Select: 'COUNT',
  }),
  read('Select SPECIFIC_ATTRIBUTES without a projection', PARTITION, 'Scan', { Select: 'SPECIFIC_ATTRIBUTES' }),
  // Expressions with legacy parameters
  update('UpdateExpression with AttributeUpdates', [FULL], 'SET a = :v', v, undefined, {
    AttributeUpdates: { b: { Action: 'PUT', Value: N('1') } },
  }),
  conditional('ConditionExpression with Expected', [FULL], 'PutItem', 'attribute_exists(pk)', undefined, undefined, {
    Expected: { pk: { Exists: true, Value: S('p') } },
  }),
  read('ProjectionExpression with AttributesToGet', [FULL], 'GetItem', {
    ProjectionExpression: 'n',
    AttributesToGet: ['n'],
  }),
  update('ConditionExpression with AttributeUpdates', [FULL], 'SET a = :v', v, undefined, {
    UpdateExpression: undefined,
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: undefined,
    AttributeUpdates: { b: { Action: 'PUT', Value: N('1') } },
  }),
  // AWS's text, measured in floci-io/floci#2894; DynamoDB Local answers the same.
  read('KeyConditionExpression with QueryFilter', PARTITION, 'Query', {
    KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: partition,
    QueryFilter: { n: { ComparisonOperator: 'EQ', AttributeValueList: [N('1')] } },
  }),
  {
    ...read('FilterExpression with KeyConditions', PARTITION, 'Query', {
      KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [S('p')] } },
      FilterExpression: 'n = :v',
      ExpressionAttributeValues: v,
    }),
    aws: {
      answer: {
        error: {
          name: 'ValidationException',
          message:
            'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {KeyConditions} Expression parameters: {FilterExpression}',
        },
      },
      source:
        'AWS refuses any legacy parameter beside any expression parameter (measured, floci-io/floci#2894; the text as in moto#2731); DynamoDB Local runs this query',
    },
  },
];
