import { SerializationException, ValidationException } from '../errors.js';
import { showValue } from '../model/show-value.js';

/**
 * The declarative validation tables of the wire operations (kinesalite's `validations/<op>.js`, typed): each
 * operation lists its members with their JSON type and the constraints of AWS's model that shardline checks
 * at the wire. A member of the wrong JSON type is a SerializationException, as AWS's JSON deserializer
 * answers; constraint violations are collected and reported together, in AWS's words:
 * `2 validation errors detected: Value null at 'streamArn' failed to satisfy constraint: Member must not be null; ...`.
 *
 * The typed API behind each operation checks the rest (with DynamoDB Local's messages, which differ from the
 * model's for some members: a short TableName, a bad ShardIteratorType, ReturnValues...), so the tables leave
 * those members' constraints to it rather than answer a different text over the wire than in process.
 */
export type MemberType = 'String' | 'Integer' | 'Boolean' | 'Structure' | 'Map' | 'List';

export interface MemberRule {
  /** The member's name in the request (`Limit`); messages use its lowerCamelCase form (`limit`). */
  readonly member: string;
  readonly type: MemberType;
  readonly required?: boolean;
  /** Least value (Integer) or length (String, List, Map). */
  readonly min?: number;
  /** Greatest value (Integer) or length (String, List, Map). */
  readonly max?: number;
  readonly enum?: readonly string[];
  /** A Structure's own members. */
  readonly members?: readonly MemberRule[];
}

export type ValidationTable = readonly MemberRule[];

/**
 * Checks `input` against `table`. Throws SerializationException for a wrong JSON type (the first one found),
 * then ValidationException listing every constraint violation. Returns the input with JSON nulls removed from
 * the members the table names (AWS reads a null member as an absent one), and Integer members given with a
 * fraction cut to their integer part.
 */
export function validate(input: Record<string, unknown>, table: ValidationTable): Record<string, unknown> {
  const cleaned = dropNulls(input, table);
  checkTypes(cleaned, table);
  const problems: string[] = [];
  collectProblems(cleaned, table, '', problems);
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 validation error detected' : `${problems.length} validation errors detected`;
    throw new ValidationException(`${count}: ${problems.join('; ')}`);
  }
  return cleaned;
}

function dropNulls(input: Record<string, unknown>, table: ValidationTable): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  // The writes below are by member names of the tables above (AWS's model), never by names from a request.
  /* eslint-disable shardline/map-keys-are-data */
  for (const rule of table) {
    const value = out[rule.member];
    if (value === null) delete out[rule.member];
    // A JSON number with a fraction for an Integer member is read as its integer part, as AWS's deserializer reads
    // it (dynalite, built against AWS, floors it; DynamoDB Local truncates: `Limit: 1.5` is a Limit of 1).
    else if (rule.type === 'Integer' && typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)) out[rule.member] = Math.trunc(value);
    else if (rule.type === 'Structure' && rule.members !== undefined && isObject(value)) out[rule.member] = dropNulls(value, rule.members);
  }
  /* eslint-enable shardline/map-keys-are-data */
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The JSON token kind, as AWS's deserializer names it in its messages. */
function tokenOf(value: unknown): string {
  if (typeof value === 'string') return 'STRING_VALUE';
  if (typeof value === 'number') return 'NUMBER_VALUE';
  if (value === true) return 'TRUE_VALUE';
  if (value === false) return 'FALSE_VALUE';
  if (Array.isArray(value)) return 'START_ARRAY';
  return 'START_OBJECT';
}

function checkTypes(input: Record<string, unknown>, table: ValidationTable): void {
  for (const rule of table) {
    const value = input[rule.member];
    if (value === undefined) continue;
    const mismatch = typeMismatch(rule.type, value);
    if (mismatch !== undefined) throw new SerializationException(mismatch);
    if (rule.type === 'Structure' && rule.members !== undefined) checkTypes(value as Record<string, unknown>, rule.members);
  }
}

/** AWS's deserializer messages (as dynalite reproduces them), or undefined when the type fits. */
export function typeMismatch(type: MemberType, value: unknown): string | undefined {
  const token = tokenOf(value);
  switch (type) {
    case 'String':
      if (token === 'STRING_VALUE') return undefined;
      if (token === 'START_OBJECT') return 'Start of structure or map found where not expected.';
      if (token === 'START_ARRAY') return 'Start of list found where not expected';
      return `${token} cannot be converted to String`;
    case 'Integer':
      if (token === 'NUMBER_VALUE') return undefined;
      if (token === 'START_OBJECT') return 'Start of structure or map found where not expected.';
      if (token === 'START_ARRAY') return 'Start of list found where not expected';
      return `${token} cannot be converted to Integer`;
    case 'Boolean':
      if (token === 'TRUE_VALUE' || token === 'FALSE_VALUE') return undefined;
      if (token === 'START_OBJECT') return 'Start of structure or map found where not expected.';
      if (token === 'START_ARRAY') return 'Start of list found where not expected';
      return `${token} cannot be converted to Boolean`;
    case 'Structure':
    case 'Map':
      if (token === 'START_OBJECT') return undefined;
      if (token === 'START_ARRAY') return 'Start of list found where not expected';
      return `Unexpected value type in payload: ${token} where a ${type === 'Map' ? 'map' : 'structure'} was expected`;
    case 'List':
      if (token === 'START_ARRAY') return undefined;
      if (token === 'START_OBJECT') return 'Start of structure or map found where not expected.';
      return `Unrecognized collection type: ${token} where a list was expected`;
  }
}

function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function collectProblems(input: Record<string, unknown>, table: ValidationTable, prefix: string, problems: string[]): void {
  for (const rule of table) {
    const value = input[rule.member];
    if (value === undefined && rule.required !== true) continue;
    // Built only for a problem: this runs for every member of every request.
    const at = (shown: string, constraint: string) => problems.push(`Value ${shown} at '${prefix}${lowerCamel(rule.member)}' failed to satisfy constraint: Member must ${constraint}`);
    if (value === undefined) {
      at('null', 'not be null');
      continue;
    }
    const shown = rule.type === 'Structure' || rule.type === 'Map' || rule.type === 'List' ? '' : `'${showValue(value)}'`;
    if (rule.type === 'Integer') {
      const number = value as number;
      if (!Number.isInteger(number)) at(shown, 'be an integer');
      else if (rule.min !== undefined && number < rule.min) at(shown, `have value greater than or equal to ${rule.min}`);
      else if (rule.max !== undefined && number > rule.max) at(shown, `have value less than or equal to ${rule.max}`);
    } else if (rule.type === 'String' || rule.type === 'List' || rule.type === 'Map') {
      // A map's keys are counted only against a bound: an Item may have 700,000 of them, and counting is not free.
      if (rule.type === 'Map' && rule.min === undefined && rule.max === undefined) continue;
      const length = rule.type === 'Map' ? Object.keys(value as object).length : (value as string | unknown[]).length;
      const text = rule.type === 'String' ? shown : rule.type === 'List' ? `'[${(value as unknown[]).length === 0 ? '' : '...'}]'` : `'{${length === 0 ? '' : '...'}}'`;
      if (rule.min !== undefined && length < rule.min) at(text, `have length greater than or equal to ${rule.min}`);
      else if (rule.max !== undefined && length > rule.max) at(text, `have length less than or equal to ${rule.max}`);
      if (rule.enum !== undefined && !rule.enum.includes(value as string)) at(shown, `satisfy enum value set: [${rule.enum.join(', ')}]`);
    } else if (rule.type === 'Structure' && rule.members !== undefined) {
      collectProblems(value as Record<string, unknown>, rule.members, `${prefix}${lowerCamel(rule.member)}.`, problems);
    }
  }
}
