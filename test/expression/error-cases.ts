import type { ExpressionOperation } from '../../src/expression/request-expressions.js';

/*
 * Requests whose expressions DynamoDB refuses, with its message word for word. Each was sent to DynamoDB Local
 * 2.9.30 (table `pk` S HASH, `sk` S RANGE, key {pk: 'a', sk: 'b'}); `local` records its text where AWS's differs.
 */
export interface ErrorCase {
  readonly operation: ExpressionOperation;
  readonly input: Readonly<Record<string, unknown>>;
  readonly message: string;
  /** DynamoDB Local's text, where AWS's recorded one (in `message`) differs. */
  readonly local?: string;
}

const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
const V = { ':v': S('x') };

function update(expression: string, names?: object, values?: object): Record<string, unknown> {
  return withMaps({ UpdateExpression: expression }, names, values);
}
function condition(expression: string, names?: object, values?: object): Record<string, unknown> {
  return withMaps({ ConditionExpression: expression }, names, values);
}
function key(expression: string, values: object = V, names?: object): Record<string, unknown> {
  return withMaps({ KeyConditionExpression: expression }, names, values);
}
function withMaps(input: Record<string, unknown>, names?: object, values?: object): Record<string, unknown> {
  return {
    ...input,
    ...(names && { ExpressionAttributeNames: names }),
    ...(values && { ExpressionAttributeValues: values }),
  };
}

const syntax = (member: string, token: string, near: string) =>
  `Invalid ${member}: Syntax error; token: "${token}", near: "${near}"`;
const U = 'UpdateExpression';
const C = 'ConditionExpression';
const overlap = (kind: string, one: string, two: string) =>
  `Two document paths ${kind} with each other; must remove or rewrite one of these paths; path one: ${one}, path two: ${two}`;

export const ERROR_CASES: readonly ErrorCase[] = [
  // Syntax errors: the offending token, and the text from the token before it to the end of the token after it.
  { operation: 'UpdateItem', input: update('INVALID SYNTAX'), message: syntax(U, 'INVALID', 'INVALID SYNTAX') },
  { operation: 'UpdateItem', input: update('  INVALID SYNTAX'), message: syntax(U, 'INVALID', '  INVALID SYNTAX') },
  { operation: 'UpdateItem', input: update('SET a = '), message: syntax(U, '<EOF>', '= ') },
  { operation: 'UpdateItem', input: update('SET'), message: syntax(U, '<EOF>', 'SET') },
  { operation: 'UpdateItem', input: update('   '), message: syntax(U, '<EOF>', '   ') },
  { operation: 'UpdateItem', input: update('SET a = b  c   d  e'), message: syntax(U, 'c', 'b  c   d') },
  { operation: 'UpdateItem', input: update('SET a = b c '), message: syntax(U, 'c', 'b c ') },
  { operation: 'UpdateItem', input: update('SET a = :v,, b = :w'), message: syntax(U, ',', ',, b') },
  { operation: 'UpdateItem', input: update('SET a = a[01]'), message: syntax(U, '1', '01]') },
  { operation: 'UpdateItem', input: update('SET a = a[-1]'), message: syntax(U, '-', '[-1') },
  { operation: 'UpdateItem', input: update('SET a = b[1.5]'), message: syntax(U, '.', '1.5') },
  { operation: 'UpdateItem', input: update('SET a = b[] '), message: syntax(U, ']', '[] ') },
  { operation: 'UpdateItem', input: update('SET a = !!'), message: syntax(U, '!', '= !!') },
  { operation: 'UpdateItem', input: update('SET a = "x"'), message: syntax(U, '"', '= "x') },
  { operation: 'UpdateItem', input: update('SET a = é'), message: syntax(U, 'é', '= é') },
  { operation: 'UpdateItem', input: update('SET 1a = c'), message: syntax(U, '1', 'SET 1a') },
  { operation: 'UpdateItem', input: update('SET _a = c'), message: syntax(U, '_', 'SET _a') },
  { operation: 'UpdateItem', input: update('SET a-b = c'), message: syntax(U, '-', 'a-b') },
  { operation: 'UpdateItem', input: update('SET a = :v:w'), message: syntax(U, ':w', ':v:w') },
  { operation: 'UpdateItem', input: update('SET a = b # c'), message: syntax(U, '#', 'b # c') },
  { operation: 'UpdateItem', input: update('SET a = b + c + d'), message: syntax(U, '+', 'c + d') },
  { operation: 'UpdateItem', input: update('SET a = b, REMOVE c'), message: syntax(U, 'REMOVE', ', REMOVE c') },
  { operation: 'UpdateItem', input: update('ADD a b'), message: syntax(U, 'b', 'a b') },
  { operation: 'DeleteItem', input: condition('a', undefined, V), message: syntax(C, '<EOF>', 'a') },
  { operation: 'DeleteItem', input: condition('a = :v AND', undefined, V), message: syntax(C, '<EOF>', 'AND') },
  { operation: 'DeleteItem', input: condition('a = :v = :v', undefined, V), message: syntax(C, '=', ':v = :v') },
  { operation: 'DeleteItem', input: condition('(a = :v', undefined, V), message: syntax(C, '<EOF>', ':v') },
  { operation: 'DeleteItem', input: condition('a IN ()', undefined, V), message: syntax(C, ')', '()') },
  { operation: 'GetItem', input: { ProjectionExpression: '!!' }, message: syntax('ProjectionExpression', '!', '!!') },
  {
    operation: 'GetItem',
    input: { ProjectionExpression: 'a,' },
    message: syntax('ProjectionExpression', '<EOF>', ','),
  },
  {
    operation: 'GetItem',
    input: { ProjectionExpression: 'size(a)' },
    message: syntax('ProjectionExpression', '(', 'size(a'),
  },
  // Problems found once the text has parsed.
  { operation: 'UpdateItem', input: update(''), message: `Invalid ${U}: The expression can not be empty;` },
  {
    operation: 'UpdateItem',
    input: update('SET a = b[2147483648]'),
    message: `Invalid ${U}: List index is not within the allowable range; index: [2147483648]`,
  },
  {
    operation: 'UpdateItem',
    input: update('SET a = :v SET b = :v', undefined, V),
    message: `Invalid ${U}: The "SET" section can only be used once in an update expression;`,
  },
  {
    operation: 'UpdateItem',
    input: update('SET status = :v', undefined, V),
    message: `Invalid ${U}: Attribute name is a reserved keyword; reserved keyword: status`,
  },
  {
    operation: 'UpdateItem',
    input: update('SET a = :u, status = :v'),
    message: `Invalid ${U}: Attribute name is a reserved keyword; reserved keyword: status`,
  },
  {
    operation: 'DeleteItem',
    input: condition('foo(status)'),
    message: `Invalid ${C}: Invalid function name; function: foo`,
  },
  {
    operation: 'DeleteItem',
    input: condition('Contains(a, :v)', undefined, V),
    message: `Invalid ${C}: Invalid function name; function: Contains`,
  },
  {
    operation: 'DeleteItem',
    input: condition('contains(status)'),
    message: `Invalid ${C}: Attribute name is a reserved keyword; reserved keyword: status`,
  },
  {
    operation: 'DeleteItem',
    input: condition('((a = :v))', undefined, V),
    message: `Invalid ${C}: The expression has redundant parentheses;`,
  },
  {
    operation: 'DeleteItem',
    input: condition(`a${'.b'.repeat(32)} = :v`, undefined, V),
    message: `Invalid ${C}: The document path has too many nesting levels; nesting levels: 33`,
  },
  {
    operation: 'DeleteItem',
    input: condition(`a IN (${Array.from({ length: 101 }, () => ':v').join(',')})`, undefined, V),
    message: `Invalid ${C}: The IN operator is provided with too many operands; number of operands: 101`,
  },
  {
    operation: 'DeleteItem',
    input: condition(Array.from({ length: 300 }, () => 'a<b').join(' OR ')),
    message: `Invalid ${C}: The expression contains too many operators; operator count: 301`,
  },
  {
    operation: 'DeleteItem',
    input: condition(`a = :v AND ${'attribute_exists(abcdefghij) AND '.repeat(130)}b = :v`, undefined, V),
    message: `Invalid ${C}: Expression size has exceeded the maximum allowed size; expression size: 4307`,
  },
  // Placeholders and functions, in source order.
  {
    operation: 'UpdateItem',
    input: update('SET a = :v'),
    message: `Invalid ${U}: An expression attribute value used in expression is not defined; attribute value: :v`,
  },
  {
    operation: 'UpdateItem',
    input: update('SET a = #b', undefined, V),
    message: `Invalid ${U}: An expression attribute name used in the document path is not defined; attribute name: #b`,
  },
  {
    operation: 'DeleteItem',
    input: condition('contains(a) AND b = :q'),
    message: `Invalid ${C}: Incorrect number of operands for operator or function; operator or function: contains, number of operands: 1`,
  },
  {
    operation: 'DeleteItem',
    input: condition('b = :q AND contains(a)'),
    message: `Invalid ${C}: An expression attribute value used in expression is not defined; attribute value: :q`,
  },
  {
    operation: 'DeleteItem',
    input: condition('b = #n AND a = :q'),
    message: `Invalid ${C}: An expression attribute name used in the document path is not defined; attribute name: #n`,
  },
  {
    operation: 'DeleteItem',
    input: condition('size(a)'),
    message: `Invalid ${C}: The function is not allowed to be used this way in an expression; function: size`,
  },
  {
    operation: 'DeleteItem',
    input: condition('attribute_exists(a) = :v', undefined, V),
    message: `Invalid ${C}: The function is not allowed to be used this way in an expression; function: attribute_exists`,
  },
  {
    operation: 'DeleteItem',
    input: condition('if_not_exists(a, :v) = :v', undefined, V),
    message: `Invalid ${C}: The function is not allowed in a condition expression; function: if_not_exists`,
  },
  {
    operation: 'DeleteItem',
    input: condition('attribute_exists(:v)', undefined, V),
    message: `Invalid ${C}: Operator or function requires a document path; operator or function: attribute_exists`,
  },
  {
    operation: 'DeleteItem',
    input: condition('contains(a.b, a.b)'),
    message: `Invalid ${C}: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a, b]`,
  },
  {
    operation: 'DeleteItem',
    input: condition('a < a'),
    message: `Invalid ${C}: The first operand must be distinct from the remaining operands for this operator or function; operator: <, first operand: [a]`,
  },
  {
    operation: 'DeleteItem',
    input: condition('a IN (a, b)'),
    message: `Invalid ${C}: The first operand must be distinct from the remaining operands for this operator or function; operator: IN, first operand: [a]`,
  },
  {
    operation: 'UpdateItem',
    input: update('SET a = if_not_exists(:v, b)', undefined, V),
    message: `Invalid ${U}: Operator or function requires a document path; operator or function: if_not_exists`,
  },
  {
    operation: 'UpdateItem',
    input: update('SET a = list_append(b)'),
    message: `Invalid ${U}: Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1`,
  },
  {
    operation: 'UpdateItem',
    input: update('SET a = size(b)'),
    message: `Invalid ${U}: The function is not allowed in an update expression; function: size`,
  },
  // Overlapping paths come before the placeholders of the right-hand sides.
  {
    operation: 'UpdateItem',
    input: update('SET a.b = :v, a = :v', undefined, V),
    message: `Invalid ${U}: ${overlap('overlap', '[a, b]', '[a]')}`,
  },
  {
    operation: 'UpdateItem',
    input: update('SET a[1] = :v, a.b = :v', undefined, V),
    message: `Invalid ${U}: ${overlap('conflict', '[a, [1]]', '[a, b]')}`,
  },
  {
    operation: 'UpdateItem',
    input: update('SET a = :q, a = :q'),
    message: `Invalid ${U}: ${overlap('overlap', '[a]', '[a]')}`,
  },
  {
    operation: 'UpdateItem',
    input: update('REMOVE a SET a = b'),
    message: `Invalid ${U}: ${overlap('overlap', '[a]', '[a]')}`,
  },
  {
    operation: 'GetItem',
    input: { ProjectionExpression: 'a[1], a.b' },
    message: `Invalid ProjectionExpression: ${overlap('conflict', '[a, [1]]', '[a, b]')}`,
  },
  {
    operation: 'GetItem',
    input: { ProjectionExpression: 'a, a' },
    message: `Invalid ProjectionExpression: ${overlap('overlap', '[a]', '[a]')}`,
  },
  // Operand types known from :values.
  ...[
    ['SET a = list_append(:v, b)', { ':v': { M: {} } }, 'operator or function: list_append, operand type: M'],
    ['SET a = b + :v', V, 'operator or function: +, operand type: S'],
    ['ADD a :v', { ':v': { L: [] } }, 'operator: ADD, operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND'],
    ['ADD a :v', V, 'operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND'],
    ['ADD a :v', { ':v': { BOOL: true } }, 'operator: ADD, operand type: BOOLEAN, typeSet: ALLOWED_FOR_ADD_OPERAND'],
    ['DELETE a :v', { ':v': N('1') }, 'operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND'],
    [
      'DELETE a :v',
      { ':v': { NULL: true } },
      'operator: DELETE, operand type: NULL, typeSet: ALLOWED_FOR_DELETE_OPERAND',
    ],
  ].map(([expression, values, detail]): ErrorCase => ({
    operation: 'UpdateItem',
    input: update(expression as string, undefined, values as object),
    message: `Invalid ${U}: Incorrect operand type for operator or function; ${detail as string}`,
  })),
  {
    operation: 'UpdateItem',
    input: update('SET a = list_append(:v, b), b = :v, b = :v', undefined, V),
    message: `Invalid ${U}: ${overlap('overlap', '[b]', '[b]')}`,
  },
  ...[
    [
      'a < :v',
      { ':v': { L: [] } },
      'Incorrect operand type for operator or function; operator or function: <, operand type: L',
    ],
    [
      'a BETWEEN :v AND :v',
      { ':v': { L: [] } },
      'Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: L',
    ],
    [
      'begins_with(a, :v)',
      { ':v': N('1') },
      'Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
    ],
    [
      'attribute_type(a, :v)',
      { ':v': N('1') },
      'Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N',
    ],
    [
      'attribute_type(a, :v)',
      V,
      'Invalid attribute type name found; type: x, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}',
    ],
    [
      'attribute_type(a, b)',
      undefined,
      'Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,DOUBLESET,N,L,HD,FS,BOOL,FLOAT,M,DECIMAL,B,HDS,DOUBLE,SS,INTSET,DECIMALSET,INT,S,NULL,BS,DICT}',
    ],
    [
      'a BETWEEN :n AND :v',
      { ':n': N('1'), ':v': S('x') },
      'The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}',
    ],
    [
      'a BETWEEN :w AND :v',
      { ':w': S('y'), ':v': S('x') },
      'The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:y}, upper bound operand: AttributeValue: {S:x}',
    ],
  ].map(([expression, values, detail]): ErrorCase => ({
    operation: 'DeleteItem',
    input: condition(expression as string, undefined, values as object | undefined),
    message: `Invalid ${C}: ${detail as string}`,
  })),
  // An update's actions are checked from the last to the first; a condition's nodes in source order.
  ...(
    [
      ['ADD a :v SET b = list_append(:v, c)', 'operator or function: list_append, operand type: S'],
      ['SET b = list_append(:v, c) ADD a :v', 'operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND'],
      ['ADD b :v DELETE a :n', 'operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND'],
      ['SET d = list_append(:v, c), b = c + :v', 'operator or function: +, operand type: S'],
      ['SET a = :q, b = list_append(:v, c)', 'operator or function: list_append, operand type: S'],
      ['SET a = list_append(:l, :n)', 'operator or function: list_append, operand type: N'],
    ] as const
  ).map(([expression, detail]): ErrorCase => ({
    operation: 'UpdateItem',
    input: update(expression, undefined, {
      ...(expression.includes(':v') && V),
      ...(expression.includes(':n') && { ':n': N('1') }),
      ...(expression.includes(':l') && { ':l': { L: [] } }),
    }),
    message: `Invalid ${U}: Incorrect operand type for operator or function; ${detail}`,
  })),
  {
    operation: 'UpdateItem',
    input: update('SET a = if_not_exists(b), c = :q'),
    message: `Invalid ${U}: An expression attribute value used in expression is not defined; attribute value: :q`,
  },
  {
    operation: 'UpdateItem',
    input: update('SET c = :q, a = if_not_exists(b)'),
    message: `Invalid ${U}: Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1`,
  },
  {
    operation: 'UpdateItem',
    input: update('SET a = :r REMOVE #q'),
    message: `Invalid ${U}: An expression attribute name used in the document path is not defined; attribute name: #q`,
  },
  {
    operation: 'DeleteItem',
    input: condition('a < :l AND b = b', undefined, { ':l': { L: [] } }),
    message: `Invalid ${C}: Incorrect operand type for operator or function; operator or function: <, operand type: L`,
  },
  {
    operation: 'DeleteItem',
    input: condition('b = b AND a < :l', undefined, { ':l': { L: [] } }),
    message: `Invalid ${C}: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [b]`,
  },
  {
    operation: 'DeleteItem',
    input: condition('a < :l AND b = :q', undefined, { ':l': { L: [] } }),
    message: `Invalid ${C}: Incorrect operand type for operator or function; operator or function: <, operand type: L`,
  },
  {
    operation: 'DeleteItem',
    input: condition('a = a AND size(b)'),
    message: `Invalid ${C}: The function is not allowed to be used this way in an expression; function: size`,
  },
  // DynamoDB names the first clashing path, then the expression's last distinct path, clashing or not.
  {
    operation: 'UpdateItem',
    input: update('SET a = :v, a.b = :v, x = :v, y = :v', undefined, V),
    message: `Invalid ${U}: ${overlap('overlap', '[a]', '[y]')}`,
  },
  {
    operation: 'UpdateItem',
    input: update('SET a = :v, b = :v, a = :v', undefined, V),
    message: `Invalid ${U}: ${overlap('overlap', '[a]', '[b]')}`,
  },
  {
    operation: 'UpdateItem',
    input: update('REMOVE a, x SET a = :v', undefined, V),
    message: `Invalid ${U}: ${overlap('overlap', '[a]', '[x]')}`,
  },
  {
    operation: 'UpdateItem',
    input: update('REMOVE c.d ADD c.d :n DELETE f :v', undefined, { ...V, ':n': N('1') }),
    message: `Invalid ${U}: ${overlap('overlap', '[c, d]', '[c, d]')}`,
  },
  {
    operation: 'UpdateItem',
    input: update('SET q.a = :v, q.b = :v, q.a = :v', undefined, V),
    message: `Invalid ${U}: ${overlap('overlap', '[q, a]', '[q, b]')}`,
  },
  {
    operation: 'UpdateItem',
    input: update('SET zz = :v, a = :v, zz = :v', undefined, V),
    message: `Invalid ${U}: ${overlap('overlap', '[zz]', '[a]')}`,
  },
  // A keyword is never a function's name.
  {
    operation: 'DeleteItem',
    input: condition(':w<>BETWEEN(', undefined, { ':w': S('y') }),
    message: syntax(C, 'BETWEEN', '<>BETWEEN('),
  },
  { operation: 'DeleteItem', input: condition('attribute_exists( NOT ( ]'), message: syntax(C, 'NOT', '( NOT (') },
  {
    operation: 'GetItem',
    input: { ProjectionExpression: 'a.:v, b' },
    message:
      'Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: :v',
  },
  { operation: 'DeleteItem', input: condition('#n . :n ] :w', { '#n': 'x' }), message: syntax(C, ']', ':n ] :w') },
  // Unused placeholders, across all expressions, names first, in a Java HashSet's order.
  {
    operation: 'UpdateItem',
    input: update('SET a = :v', { '#a': 'x', '#b': 'y' }, { ...V, ':w': S('x') }),
    message: 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}',
  },
  {
    operation: 'DeleteItem',
    input: condition('a IN (:v)', undefined, { ...V, ':w': S('y'), ':n': N('1'), ':n2': N('2') }),
    message: 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:n, :w, :n2}',
  },
  {
    operation: 'UpdateItem',
    input: update('SET a = list_append(:v, b)', { '#x': 'y' }, V),
    message: `Invalid ${U}: Incorrect operand type for operator or function; operator or function: list_append, operand type: S`,
  },
  // Which member first: UpdateExpression, ConditionExpression; FilterExpression, ProjectionExpression, KeyConditionExpression.
  {
    operation: 'UpdateItem',
    input: { UpdateExpression: 'SET a = #q', ConditionExpression: '!' },
    message: `Invalid ${U}: An expression attribute name used in the document path is not defined; attribute name: #q`,
  },
  {
    operation: 'UpdateItem',
    input: { UpdateExpression: 'SET a = b', ConditionExpression: '#q' },
    message: syntax(C, '<EOF>', '#q'),
  },
  {
    operation: 'Query',
    input: { KeyConditionExpression: '!', FilterExpression: '!', ProjectionExpression: '!' },
    message: syntax('FilterExpression', '!', '!'),
  },
  {
    operation: 'Query',
    input: { KeyConditionExpression: 'pk = :q', ProjectionExpression: '#r' },
    message:
      'Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #r',
  },
  // The placeholder maps themselves.
  {
    operation: 'UpdateItem',
    input: update('SET a = :v', {}, V),
    message: 'ExpressionAttributeNames must not be empty',
  },
  {
    operation: 'UpdateItem',
    input: update('SET a = :v', undefined, {}),
    message: 'ExpressionAttributeValues must not be empty',
  },
  {
    operation: 'UpdateItem',
    input: { ExpressionAttributeNames: {}, ExpressionAttributeValues: {} },
    message: 'ExpressionAttributeNames can only be specified when using expressions',
  },
  {
    operation: 'UpdateItem',
    input: { ExpressionAttributeValues: V },
    message:
      'ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null',
  },
  {
    operation: 'PutItem',
    input: { ExpressionAttributeValues: V },
    message: 'ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null',
  },
  {
    operation: 'Query',
    input: { ExpressionAttributeValues: V },
    message:
      'ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression are null',
  },
  {
    operation: 'Scan',
    input: { ProjectionExpression: 'a', ExpressionAttributeValues: V },
    message: 'ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null',
  },
  {
    operation: 'DeleteItem',
    input: condition('a = :v', { a: 'x' }, V),
    message: 'ExpressionAttributeNames contains invalid key: Syntax error; key: "a"',
  },
  {
    operation: 'DeleteItem',
    input: condition('a = :v', undefined, { v: S('x') }),
    message: 'ExpressionAttributeValues contains invalid key: Syntax error; key: "v"',
  },
  {
    operation: 'DeleteItem',
    input: condition('a = #a', { '#a': '' }),
    message: 'ExpressionAttributeNames contains invalid value: Empty attribute name for key #a',
  },
  {
    operation: 'DeleteItem',
    input: condition(`a = #${'n'.repeat(256)}`, { [`#${'n'.repeat(256)}`]: 'x' }),
    message:
      'ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too long; size of key: 257',
  },
  {
    operation: 'UpdateItem',
    input: update('SET a = :v', undefined, { ':v': { SS: [] } }),
    message:
      'ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v',
  },
  {
    operation: 'UpdateItem',
    input: update('SET a = :v', undefined, { ':v': {} }),
    message:
      'ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key :v',
  },
  {
    operation: 'DeleteItem',
    input: condition(`a = :${'v'.repeat(255)}`, undefined, { [`:${'v'.repeat(255)}`]: S('x') }),
    message:
      'ExpressionAttributeValues contains invalid key: The expression attribute map contains a key that is too long;',
  },
  {
    operation: 'UpdateItem',
    input: update('', { '#a': 'a' }, V),
    message: `Invalid ${U}: The expression can not be empty;`,
  },
  // An update of a key attribute is refused when applied (src/expression/key-update.ts); unused names come first.
  {
    operation: 'UpdateItem',
    input: update('SET pk = :v', { '#x': 'y' }, V),
    message: 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}',
  },
  { operation: 'Query', input: key(''), message: 'Invalid KeyConditionExpression: The expression can not be empty;' },
  {
    operation: 'Query',
    input: key('sk = :v'),
    message: 'Query condition missed key schema element: pk',
    local: 'Query condition missed key schema element',
  },
  {
    operation: 'Query',
    input: key('pk = :v AND pk = :w', { ...V, ':w': S('y') }),
    message: 'KeyConditionExpressions must only contain one condition per key',
  },
  {
    operation: 'Query',
    input: key('pk = :v OR sk = :v'),
    message: 'Invalid operator used in KeyConditionExpression: OR',
  },
  { operation: 'Query', input: key('NOT pk = :v'), message: 'Invalid operator used in KeyConditionExpression: NOT' },
  { operation: 'Query', input: key('pk IN (:v)'), message: 'Invalid operator used in KeyConditionExpression: IN' },
  { operation: 'Query', input: key('pk <> :v'), message: 'Invalid operator used in KeyConditionExpression: <>' },
  { operation: 'Query', input: key('pk < :v'), message: 'Query key condition not supported' },
  { operation: 'Query', input: key('begins_with(pk, :v)'), message: 'Query key condition not supported' },
  {
    operation: 'Query',
    input: key('pk = :v AND contains(sk, :v)'),
    message: 'Invalid operator used in KeyConditionExpression: contains',
  },
  {
    operation: 'Query',
    input: key('pk = :v AND attribute_exists(sk)'),
    message: 'Invalid operator used in KeyConditionExpression: attribute_exists',
  },
  {
    operation: 'Query',
    input: key('pk = :v AND size(sk) = :n', { ...V, ':n': N('1') }),
    message: 'KeyConditionExpressions cannot contain nested operations',
  },
  {
    operation: 'Query',
    input: key('pk = :v AND sk.x = :v'),
    message: "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: sk",
  },
  {
    operation: 'Query',
    input: key('pk = :v AND begins_with(:v, sk)'),
    message:
      'Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand',
  },
  {
    operation: 'Query',
    input: key('pk = :v AND :v = :w', { ...V, ':w': S('y') }),
    message: 'Invalid condition in KeyConditionExpression: No key attribute specified',
  },
  {
    operation: 'Query',
    input: key('pk = sk AND sk = :v'),
    message: 'Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition',
  },
  {
    operation: 'Query',
    input: key('pk = :n AND a = :v', { ...V, ':n': N('1') }),
    message: 'One or more parameter values were invalid: Condition parameter type does not match schema type',
  },
  { operation: 'Query', input: key('pk < :v AND a = :v'), message: 'Query key condition not supported' },
  {
    operation: 'Query',
    input: key('pk = :v AND sk BETWEEN :w AND :v', { ...V, ':w': S('y') }),
    message:
      'Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:y}, upper bound operand: AttributeValue: {S:x}',
  },
  // One walk in source order: each condition's operator and shape, then whether its key was seen already.
  {
    operation: 'Query',
    input: key('pk <> :v AND NOT sk = :v'),
    message: 'Invalid operator used in KeyConditionExpression: <>',
  },
  {
    operation: 'Query',
    input: key('pk = sk AND NOT sk = :v'),
    message: 'Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition',
  },
  {
    operation: 'Query',
    input: key('sk BETWEEN :v AND :w AND sk = :v AND pk <> :v', { ...V, ':w': S('y') }),
    message: 'KeyConditionExpressions must only contain one condition per key',
  },
  {
    operation: 'Query',
    input: key('sk < :w AND sk <> :v AND pk <> :v', { ...V, ':w': S('y') }),
    message: 'Invalid operator used in KeyConditionExpression: <>',
  },
  {
    operation: 'Query',
    input: key('pk <> :v AND sk[1] = :v'),
    message: "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: sk",
  },
  {
    operation: 'Query',
    input: key('pk = :v AND a = :v AND sk = :v'),
    message: 'Conditions can be of length 1 or 2 only',
  },
  {
    operation: 'Query',
    input: key('pk = :v AND sk = :v AND size(a) = :n', { ...V, ':n': N('1') }),
    message: 'KeyConditionExpressions cannot contain nested operations',
  },
  {
    operation: 'Query',
    input: key('sk = :n AND pk < :v', { ...V, ':n': N('1') }),
    message: 'Query key condition not supported',
  },
  {
    operation: 'GetItem',
    input: { ProjectionExpression: 'a, d[1].e, a.x, d[0]' },
    message: `Invalid ProjectionExpression: ${overlap('overlap', '[a]', '[d, [1], e]')}`,
  },
  {
    operation: 'GetItem',
    input: { ProjectionExpression: '#s, #s, a.x, d', ExpressionAttributeNames: { '#s': 'status' } },
    message: `Invalid ProjectionExpression: ${overlap('overlap', '[status]', '[d]')}`,
  },
  // Legacy and expression parameters together.
  {
    operation: 'DeleteItem',
    input: { ...condition('a = :v', undefined, V), Expected: { a: { Exists: false } }, ConditionalOperator: 'AND' },
    message:
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected, ConditionalOperator} Expression parameters: {ConditionExpression}',
  },
  {
    operation: 'UpdateItem',
    input: {
      AttributeUpdates: {},
      Expected: {},
      UpdateExpression: 'SET a = :v',
      ConditionExpression: 'a = :v',
      ExpressionAttributeValues: V,
    },
    message:
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates, Expected} Expression parameters: {UpdateExpression, ConditionExpression}',
  },
  {
    operation: 'Query',
    input: {
      KeyConditions: {},
      QueryFilter: {},
      AttributesToGet: ['a'],
      FilterExpression: 'a = :v',
      ProjectionExpression: 'a',
      KeyConditionExpression: 'pk = :v',
      ConditionalOperator: 'AND',
      ExpressionAttributeValues: V,
    },
    message:
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet, QueryFilter, ConditionalOperator, KeyConditions} Expression parameters: {ProjectionExpression, FilterExpression, KeyConditionExpression}',
  },
  {
    operation: 'Scan',
    input: { ConditionalOperator: 'OR', ProjectionExpression: 'a' },
    message:
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {ConditionalOperator} Expression parameters: {ProjectionExpression}',
  },
];
