import { SerializationException, ValidationException } from '../errors.js';
import { typeMismatch, type MemberType } from '../validation/json-type.js';
import { quoted, validationError, type Violation } from '../validation/validation-error.js';

/**
 * The model's constraints on secondary index members (AWS's shape validator, which answers before any other check,
 * listing every violation: "2 validation errors detected: Value 'ab' at 'globalSecondaryIndexes.1.member.indexName'
 * failed to satisfy constraint: ..."), and the per-table index counts. A member of the wrong JSON type is a
 * SerializationException, as AWS's deserializer answers. Checked members have the types the index rules read.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GlobalSecondaryIndex.html
 */

const INVALID = 'One or more parameter values were invalid: ';
export const MAX_GLOBAL_INDEXES = 20;
export const MAX_LOCAL_INDEXES = 5;
/** Per index (the model's bound); the table's total is MAX_PROJECTED_ATTRIBUTES. */
const MAX_NON_KEY_ATTRIBUTES = 20;
const INDEX_NAME = /^[a-zA-Z0-9_.-]+$/;

/**
 * CreateTable's index lists: their counts and emptiness (before any work per index: a limit is checked before work
 * proportional to the input, and DynamoDB Local checks the GSI count before the indexes' contents too), then every
 * member's model constraints.
 */
export function checkIndexLists(globalIndexes: unknown, localIndexes: unknown): void {
  const lists = [
    ['LocalSecondaryIndexes', localIndexes, MAX_LOCAL_INDEXES],
    ['GlobalSecondaryIndexes', globalIndexes, MAX_GLOBAL_INDEXES],
  ] as const;
  for (const [member, list] of lists) {
    if (list === undefined || list === null) continue;
    checkType('List', list);
    if ((list as unknown[]).length === 0) throw new ValidationException(`${INVALID}List of ${member} is empty`);
  }
  if (Array.isArray(localIndexes) && localIndexes.length > MAX_LOCAL_INDEXES) {
    throw new ValidationException(
      `${INVALID}Number of LocalSecondaryIndexes exceeds per-table limit of ${MAX_LOCAL_INDEXES}`,
    );
  }
  if (Array.isArray(globalIndexes) && globalIndexes.length > MAX_GLOBAL_INDEXES) {
    throw new ValidationException(
      `${INVALID}GlobalSecondaryIndex count exceeds the per-table limit of ${MAX_GLOBAL_INDEXES}`,
    );
  }
  const found: Violation[] = [];
  (Array.isArray(globalIndexes) ? globalIndexes : []).forEach((index, i) =>
    indexViolations(index, `globalSecondaryIndexes.${i + 1}.member`, true, found),
  );
  (Array.isArray(localIndexes) ? localIndexes : []).forEach((index, i) =>
    indexViolations(index, `localSecondaryIndexes.${i + 1}.member`, false, found),
  );
  if (found.length > 0) throw validationError(found);
}

/** The violations of one index's members (`at`: its path, `globalSecondaryIndexes.1.member`), pushed onto `found`. */
export function indexViolations(index: unknown, at: string, global: boolean, found: Violation[]): void {
  checkType('Structure', index);
  const { IndexName, KeySchema, Projection, ProvisionedThroughput } = (index ?? {}) as Record<string, unknown>;
  indexNameViolations(IndexName, `${at}.indexName`, found);
  if (isAbsent(KeySchema)) found.push(missing(`${at}.keySchema`));
  else {
    checkType('List', KeySchema);
    listLengthViolations(KeySchema as unknown[], `${at}.keySchema`, 1, 2, found);
    (KeySchema as unknown[]).forEach((element, j) =>
      keyElementViolations(element, `${at}.keySchema.${j + 1}.member`, found),
    );
  }
  if (isAbsent(Projection)) found.push(missing(`${at}.projection`));
  else projectionViolations(Projection, `${at}.projection`, found);
  if (global && !isAbsent(ProvisionedThroughput))
    throughputViolations(ProvisionedThroughput, `${at}.provisionedThroughput`, found);
}

/** An IndexName: 3 to 255 characters of [a-zA-Z0-9_.-]. */
export function indexNameViolations(name: unknown, at: string, found: Violation[]): void {
  stringViolations(name, at, 3, 255, found);
  if (typeof name === 'string' && !INDEX_NAME.test(name))
    found.push(violation(name, at, 'satisfy regular expression pattern: [a-zA-Z0-9_.-]+'));
}

/** A ProvisionedThroughput's members: both required, at least 1. */
export function throughputViolations(throughput: unknown, at: string, found: Violation[]): void {
  checkType('Structure', throughput);
  for (const member of ['ReadCapacityUnits', 'WriteCapacityUnits'] as const) {
    const value = (throughput as Record<string, unknown>)[member];
    const path = `${at}.${member.charAt(0).toLowerCase()}${member.slice(1)}`;
    if (isAbsent(value)) found.push(missing(path));
    else {
      checkType('Integer', value);
      if ((value as number) < 1) found.push(violation(value, path, 'have value greater than or equal to 1'));
    }
  }
}

function keyElementViolations(element: unknown, at: string, found: Violation[]): void {
  checkType('Structure', element);
  const { AttributeName, KeyType } = (element ?? {}) as Record<string, unknown>;
  stringViolations(AttributeName, `${at}.attributeName`, 1, 255, found);
  if (isAbsent(KeyType)) found.push(missing(`${at}.keyType`));
  else {
    checkType('String', KeyType);
    if (KeyType !== 'HASH' && KeyType !== 'RANGE')
      found.push(violation(KeyType, `${at}.keyType`, 'satisfy enum value set: [HASH, RANGE]'));
  }
}

function projectionViolations(projection: unknown, at: string, found: Violation[]): void {
  checkType('Structure', projection);
  const { ProjectionType, NonKeyAttributes } = projection as Record<string, unknown>;
  if (!isAbsent(ProjectionType)) {
    checkType('String', ProjectionType);
    if (!['ALL', 'INCLUDE', 'KEYS_ONLY'].includes(ProjectionType as string))
      found.push(
        violation(ProjectionType, `${at}.projectionType`, 'satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]'),
      );
  }
  if (!isAbsent(NonKeyAttributes)) {
    checkType('List', NonKeyAttributes);
    const names = NonKeyAttributes as unknown[];
    listLengthViolations(names, `${at}.nonKeyAttributes`, 1, MAX_NON_KEY_ATTRIBUTES, found);
    // The names' own bounds only within the list's bound: a list of a million names is refused by its length alone.
    if (names.length <= MAX_NON_KEY_ATTRIBUTES)
      names.forEach((name, k) => stringViolations(name, `${at}.nonKeyAttributes.${k + 1}.member`, 1, 255, found));
  }
}

function stringViolations(value: unknown, at: string, min: number, max: number, found: Violation[]): void {
  if (isAbsent(value)) {
    found.push(missing(at));
    return;
  }
  checkType('String', value);
  const length = (value as string).length;
  if (length < min) found.push(violation(value, at, `have length greater than or equal to ${min}`));
  else if (length > max) found.push(violation(value, at, `have length less than or equal to ${max}`));
}

function listLengthViolations(list: unknown[], at: string, min: number, max: number, found: Violation[]): void {
  const shown = `'[${list.length === 0 ? '' : '...'}]'`;
  if (list.length < min) found.push({ shown, at, constraint: `have length greater than or equal to ${min}` });
  else if (list.length > max) found.push({ shown, at, constraint: `have length less than or equal to ${max}` });
}

/** A value of the wrong JSON type (only the typed API can pass one) is the wire's SerializationException. */
export function checkType(type: MemberType, value: unknown): void {
  const mismatch = value === null ? undefined : typeMismatch(type, value);
  if (mismatch !== undefined) throw new SerializationException(mismatch);
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function missing(at: string): Violation {
  return { shown: 'null', at, constraint: 'not be null' };
}

function violation(value: unknown, at: string, constraint: string): Violation {
  return { shown: quoted(value), at, constraint };
}
