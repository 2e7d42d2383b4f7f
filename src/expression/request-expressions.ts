import { ValidationException } from '../errors.js';
import { utf8Length } from '../model/item-size.js';
import type { KeySchema } from '../model/key-schema.js';
import type { AttributeValue } from '../model/attribute-value.js';
import type { ConditionNode, KeyConditionTree, ProjectionTree, UpdateTree } from './syntax-tree.js';
import { conditionPaths, updateValuePaths } from './condition-paths.js';
import { parseCondition } from './condition-parser.js';
import { resolveCondition } from './condition-resolver.js';
import { ExpressionProblem } from './expression-problem.js';
import { buildKeyCondition } from './key-condition.js';
import { ParseCache } from './parse-cache.js';
import { RequestCache } from './request-cache.js';
import type { RawCondition, RawPath, RawUpdate } from './parse-tree.js';
import { checkPathsApart } from './path-overlap.js';
import { Placeholders } from './placeholders.js';
import { parseProjection } from './projection-parser.js';
import { resolvePath } from './resolve-paths.js';
import { resolveUpdate } from './update-resolver.js';
import { parseUpdate } from './update-parser.js';

/*
 * The one entry point from a request's expression members to syntax trees, with every check DynamoDB makes before it
 * reads an item, in DynamoDB Local 2.9.30's order (the numbered steps below).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.html
 */

export interface ExpressionMembers {
  ConditionExpression?: unknown;
  FilterExpression?: unknown;
  KeyConditionExpression?: unknown;
  UpdateExpression?: unknown;
  ProjectionExpression?: unknown;
  ExpressionAttributeNames?: unknown;
  ExpressionAttributeValues?: unknown;
}

export interface RequestExpressions {
  condition?: ConditionNode;
  filter?: ConditionNode;
  keyCondition?: KeyConditionTree;
  update?: UpdateTree;
  projection?: ProjectionTree;
}

/** The operations (and transaction actions) that take expressions; it decides a few of DynamoDB's messages. */
export type ExpressionOperation =
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'ConditionCheck'
  | 'GetItem'
  | 'BatchGetItem'
  | 'TransactGetItems'
  | 'Query'
  | 'Scan';

export interface ExpressionContext {
  /** The table's or index's key: needed for a KeyConditionExpression, and to refuse an update of a key attribute. */
  readonly keySchema?: KeySchema;
  /** Words `ExpressionAttributeValues can only be specified ...` as DynamoDB does for this operation. */
  readonly operation?: ExpressionOperation;
}

type ExpressionMember =
  'UpdateExpression' | 'ConditionExpression' | 'FilterExpression' | 'ProjectionExpression' | 'KeyConditionExpression';

/** The order DynamoDB takes the members in: the first member with a problem is the one reported. */
const MEMBER_ORDER: readonly ExpressionMember[] = [
  'UpdateExpression',
  'ConditionExpression',
  'FilterExpression',
  'ProjectionExpression',
  'KeyConditionExpression',
];

/** The members that take `:values`, per operation, as `... can only be specified when using expressions: X is null` names them. */
const VALUE_MEMBERS: Readonly<Record<ExpressionOperation, readonly ExpressionMember[]>> = {
  PutItem: ['ConditionExpression'],
  DeleteItem: ['ConditionExpression'],
  ConditionCheck: ['ConditionExpression'],
  UpdateItem: ['UpdateExpression', 'ConditionExpression'],
  Query: ['FilterExpression', 'KeyConditionExpression'],
  Scan: ['FilterExpression'],
  GetItem: [],
  BatchGetItem: [],
  TransactGetItems: [],
};
const ALL_VALUE_MEMBERS = MEMBER_ORDER.filter((member) => member !== 'ProjectionExpression');

/** An expression is at most 4 KB (ServiceQuotas.html, "Expression parameters"). */
const MAX_EXPRESSION_BYTES = 4096;

const conditions = new ParseCache<RawCondition>(parseCondition);
const updates = new ParseCache<RawUpdate>(parseUpdate);
const projections = new ParseCache<readonly RawPath[]>(parseProjection);

const resolvedRequests = new RequestCache<RequestExpressions>();

export function parseRequestExpressions(
  members: ExpressionMembers,
  context: ExpressionContext = {},
): RequestExpressions {
  const texts = cacheTexts(members);
  const { keySchema, operation } = context;
  const names = members.ExpressionAttributeNames;
  const values = members.ExpressionAttributeValues;
  const cached = texts === undefined ? undefined : resolvedRequests.get(keySchema, operation, texts, names, values);
  if (cached !== undefined) return cached;
  const result = parseAndCheck(members, context);
  if (texts !== undefined) resolvedRequests.set(keySchema, operation, texts, names, values, result);
  return result;
}

/** The request's texts in MEMBER_ORDER, or undefined when one is not a string (it gets its error uncached). */
function cacheTexts(members: ExpressionMembers): (string | undefined)[] | undefined {
  const texts: (string | undefined)[] = [];
  for (const member of MEMBER_ORDER) {
    const text = members[member];
    if (text === undefined || text === null) texts.push(undefined);
    else if (typeof text === 'string') texts.push(text);
    else return undefined;
  }
  return texts;
}

function parseAndCheck(members: ExpressionMembers, context: ExpressionContext): RequestExpressions {
  const texts = expressionTexts(members);
  const names = placeholderMap(members.ExpressionAttributeNames, 'ExpressionAttributeNames');
  const valueMembers = context.operation === undefined ? ALL_VALUE_MEMBERS : VALUE_MEMBERS[context.operation];
  // GetItem and its kin take no :values; DynamoDB Local ignores ExpressionAttributeValues there.
  const values =
    valueMembers.length === 0
      ? undefined
      : placeholderMap(members.ExpressionAttributeValues, 'ExpressionAttributeValues');

  // 1. Placeholder maps without an expression that could use them.
  if (names !== undefined && texts.size === 0) {
    throw new ValidationException('ExpressionAttributeNames can only be specified when using expressions');
  }
  if (values !== undefined && !valueMembers.some((member) => texts.has(member))) {
    const verb = valueMembers.length > 1 ? 'are' : 'is';
    throw new ValidationException(
      `ExpressionAttributeValues can only be specified when using expressions: ${valueMembers.join(' and ')} ${verb} null`,
    );
  }
  // 2. Empty maps.
  if (names !== undefined && Object.keys(names).length === 0) {
    throw new ValidationException('ExpressionAttributeNames must not be empty');
  }
  if (values !== undefined && Object.keys(values).length === 0) {
    throw new ValidationException('ExpressionAttributeValues must not be empty');
  }
  // 3. Each map's keys and values.
  const placeholders = new Placeholders(names, values);

  // 4. Each expression in MEMBER_ORDER: empty, too long, syntax, parse-time problems, reserved words, then its
  //    placeholders and functions in source order, overlapping paths, and operand types known from :values.
  const result: RequestExpressions = {};
  let keyCondition: ConditionNode | undefined;
  for (const [member, text] of texts) {
    try {
      checkText(text, member);
      switch (member) {
        case 'UpdateExpression':
          result.update = resolveUpdate(updates.get(text), placeholders);
          break;
        case 'ProjectionExpression': {
          const paths = projections.get(text).map((path) => resolvePath(path, placeholders));
          checkPathsApart(paths);
          result.projection = paths;
          break;
        }
        default: {
          const node = resolveCondition(conditions.get(text), placeholders);
          if (member === 'ConditionExpression') result.condition = node;
          else if (member === 'FilterExpression') result.filter = node;
          else keyCondition = node;
        }
      }
    } catch (problem) {
      if (!(problem instanceof ExpressionProblem)) throw problem;
      throw new ValidationException(`Invalid ${member}: ${problem.message}`);
    }
  }
  // 5. Placeholders no expression used: names, then values.
  placeholders.checkAllUsed();
  // 6. The key schema: no path into a key attribute (a transaction's ConditionCheck is spared: DynamoDB Local
  //    2.9.30 evaluates it), then the key condition's shape. An update of a key attribute is refused when applied.
  if (context.keySchema !== undefined && context.operation !== 'ConditionCheck')
    checkKeysScalar(result, context.keySchema);
  if (keyCondition !== undefined) {
    if (context.keySchema === undefined) throw new TypeError('A KeyConditionExpression needs context.keySchema');
    result.keyCondition = buildKeyCondition(keyCondition, context.keySchema);
    checkKeyValuesNotEmpty(result.keyCondition);
  }
  return result;
}

/** The expression members present, in MEMBER_ORDER; a non-string is refused (the typed API may pass anything). */
function expressionTexts(members: ExpressionMembers): Map<ExpressionMember, string> {
  const texts = new Map<ExpressionMember, string>();
  for (const member of MEMBER_ORDER) {
    const text = members[member];
    if (text === undefined || text === null) continue;
    if (typeof text !== 'string') throw new ValidationException(`${member} must be a string`);
    texts.set(member, text);
  }
  return texts;
}

function placeholderMap(map: unknown, member: string): Record<string, unknown> | undefined {
  if (map === undefined || map === null) return undefined;
  if (typeof map !== 'object' || Array.isArray(map)) throw new ValidationException(`${member} must be a map`);
  return map as Record<string, unknown>;
}

/**
 * The checks on an expression's text alone, before any work proportional to it. The size is named for condition
 * expressions only: an UpdateExpression's or ProjectionExpression's text ends at the semicolon (DynamoDB Local 2.9.30).
 */
function checkText(text: string, member: ExpressionMember): void {
  if (text.length === 0) throw new ExpressionProblem('The expression can not be empty;');
  if (text.length > MAX_EXPRESSION_BYTES / 3 && utf8Length(text) > MAX_EXPRESSION_BYTES) {
    const named = member !== 'UpdateExpression' && member !== 'ProjectionExpression';
    throw new ExpressionProblem(
      `Expression size has exceeded the maximum allowed size;${named ? ` expression size: ${utf8Length(text)}` : ''}`,
    );
  }
}

/** A key condition's values are key values: never an empty string or binary (DynamoDB Local 2.9.30's text). */
function checkKeyValuesNotEmpty({ partitionKey, sortKey }: KeyConditionTree): void {
  const check = (name: string, value: AttributeValue) => {
    const empty = value.S === '' ? 'string' : value.B !== undefined && value.B.length === 0 ? 'binary' : undefined;
    if (empty !== undefined)
      throw new ValidationException(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${empty} value. Key: ${name}`,
      );
  };
  check(partitionKey.name, partitionKey.value);
  if (sortKey === undefined) return;
  const node = sortKey.condition;
  const operands =
    node.kind === 'compare'
      ? [node.left, node.right]
      : node.kind === 'between'
        ? [node.subject, node.low, node.high]
        : node.kind === 'begins_with'
          ? [node.subject, node.prefix]
          : [];
  for (const operand of operands) if (operand.kind === 'value') check(sortKey.name, operand.value);
}

/**
 * A key attribute is a scalar: a path into one (`pk.a`, `sk[0]`) is refused wherever it is read, condition first
 * (DynamoDB Local 2.9.30's order), with its text.
 */
function checkKeysScalar(result: RequestExpressions, schema: KeySchema): void {
  const keyNames = [schema.partitionKey.name, schema.sortKey?.name];
  const paths = [
    ...(result.condition === undefined ? [] : conditionPaths(result.condition)),
    ...(result.filter === undefined ? [] : conditionPaths(result.filter)),
    ...(result.projection ?? []),
    ...(result.update === undefined ? [] : updateValuePaths(result.update)),
  ];
  // The partition key before the sort key, whatever the order of the paths (DynamoDB Local 2.9.30).
  for (const name of keyNames) {
    if (name !== undefined && paths.some((path) => path.length > 1 && path[0] === name)) {
      throw new ValidationException(
        `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: ${name}`,
      );
    }
  }
}
