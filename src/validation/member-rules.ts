import { SerializationException, ValidationException } from '../errors.js';
import { typeMismatch, type MemberType } from './json-type.js';
import { quoted, validationError, type Violation } from './validation-error.js';

/**
 * Declarative member rules (kinesalite's `validations/<op>.js`, typed): a member's JSON type and the constraints of
 * AWS's model. The wire checks a request against its operation's table with `validate` (a wrong JSON type is a
 * SerializationException, as AWS's deserializer answers; the violations are listed together, in AWS's words); the
 * typed API checks a member against the same rule with `checkMember`.
 */
export type { MemberType };

/** The constraints of a rule, by what each one checks. */
export type ConstraintKind = 'required' | 'integer' | 'min' | 'max' | 'enum';

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
  /**
   * DynamoDB Local's own text for a constraint, which replaces the model's. DynamoDB Local reports such a constraint
   * on its own, at the operation's step (`checkMember`), not in the request's list (`validate` leaves it out).
   */
  readonly override?: Partial<Readonly<Record<ConstraintKind, string>>>;
}

export type ValidationTable = readonly MemberRule[];

/** A violation, with DynamoDB Local's text for it where the rule overrides the model's. */
interface Found extends Violation {
  readonly override: string | undefined;
}

/**
 * Checks `input` against `table`: SerializationException for the first wrong JSON type, then a ValidationException
 * listing every violation but the overridden ones. Returns the input without the JSON nulls of the members the table
 * names (AWS reads them as absent), and with the fraction of an Integer member cut off.
 */
export function validate(input: Record<string, unknown>, table: ValidationTable): Record<string, unknown> {
  const cleaned = dropNulls(input, table);
  checkTypes(cleaned, table);
  const found: Found[] = [];
  collectViolations(cleaned, table, '', found);
  if (found.length > 0) {
    const listed = found.filter(({ override }) => override === undefined);
    if (listed.length > 0) throw validationError(listed);
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
    else if (rule.type === 'Integer' && typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value))
      out[rule.member] = Math.trunc(value);
    else if (rule.type === 'Structure' && rule.members !== undefined && isObject(value))
      out[rule.member] = dropNulls(value, rule.members);
  }
  /* eslint-enable shardline/map-keys-are-data */
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkTypes(input: Record<string, unknown>, table: ValidationTable): void {
  for (const rule of table) {
    const value = input[rule.member];
    if (value === undefined) continue;
    const mismatch = typeMismatch(rule.type, value);
    if (mismatch !== undefined) throw new SerializationException(mismatch);
    if (rule.type === 'Structure' && rule.members !== undefined)
      checkTypes(value as Record<string, unknown>, rule.members);
  }
}

function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function collectViolations(
  input: Record<string, unknown>,
  table: ValidationTable,
  prefix: string,
  found: Found[],
): void {
  for (const rule of table) {
    const value = input[rule.member];
    if (value === undefined) {
      if (rule.required === true) found.push(violation(rule, 'required', 'null', 'not be null', prefix));
    } else if (rule.type === 'Structure') {
      if (rule.members !== undefined)
        collectViolations(
          value as Record<string, unknown>,
          rule.members,
          `${prefix}${lowerCamel(rule.member)}.`,
          found,
        );
    } else {
      checkRule(rule, value, prefix, found);
    }
  }
}

/**
 * The typed API's check of one member against its rule: throws the first violation, in DynamoDB Local's words
 * where the rule overrides the model's. A null is an absent member. `at` defaults to the member's lowerCamelCase name.
 */
export function checkMember(rule: MemberRule, value: unknown, at?: string): void {
  const found: Found[] = [];
  if (value === undefined || value === null) {
    if (rule.required === true) found.push(violation(rule, 'required', 'null', 'not be null', '', at));
  } else {
    checkRule(rule, value, '', found, at);
  }
  throwFirst(found);
}

/** A String member within length bounds; any other value, absent too, breaks the lower one (as in DynamoDB Local). */
export function checkLength(value: unknown, at: string, min: number, max: number): asserts value is string {
  const found: Found[] = [];
  checkRule({ member: at, type: 'String', min, max }, value, '', found, at);
  throwFirst(found);
}

function throwFirst(found: readonly Found[]): void {
  const first = found[0];
  if (first === undefined) return;
  throw first.override === undefined ? validationError([first]) : new ValidationException(first.override);
}

function violation(
  rule: MemberRule,
  kind: ConstraintKind,
  shown: string,
  constraint: string,
  prefix: string,
  at?: string,
): Found {
  return { shown, at: at ?? `${prefix}${lowerCamel(rule.member)}`, constraint, override: rule.override?.[kind] };
}

/** Pushes onto `found` what a present `value` breaks of `rule` (a Structure's members aside). */
function checkRule(rule: MemberRule, value: unknown, prefix: string, found: Found[], at?: string): void {
  if (rule.type === 'Integer') {
    if (typeof value !== 'number' || !Number.isInteger(value))
      found.push(violation(rule, 'integer', quoted(value), 'be an integer', prefix, at));
    else if (rule.min !== undefined && value < rule.min)
      found.push(violation(rule, 'min', quoted(value), `have value greater than or equal to ${rule.min}`, prefix, at));
    else if (rule.max !== undefined && value > rule.max)
      found.push(violation(rule, 'max', quoted(value), `have value less than or equal to ${rule.max}`, prefix, at));
  } else if (rule.type === 'String' || rule.type === 'List' || rule.type === 'Map') {
    // A map's keys are counted only against a bound: an Item may have 700,000 of them, and counting is not free.
    if (rule.type === 'Map' && rule.min === undefined && rule.max === undefined) return;
    const length = lengthOf(rule.type, value);
    if (rule.min !== undefined && length < rule.min) {
      found.push(
        violation(
          rule,
          'min',
          shownWithLength(rule.type, value, length),
          `have length greater than or equal to ${rule.min}`,
          prefix,
          at,
        ),
      );
    } else if (rule.max !== undefined && length > rule.max) {
      found.push(
        violation(
          rule,
          'max',
          shownWithLength(rule.type, value, length),
          `have length less than or equal to ${rule.max}`,
          prefix,
          at,
        ),
      );
    }
    if (rule.enum !== undefined && !rule.enum.includes(value as string)) {
      found.push(
        violation(rule, 'enum', quoted(value), `satisfy enum value set: [${rule.enum.join(', ')}]`, prefix, at),
      );
    }
  }
}

/** A list or string of another type (only the typed API can pass one) is shorter than any bound. */
function lengthOf(type: 'String' | 'List' | 'Map', value: unknown): number {
  if (type === 'Map') return Object.keys(value as object).length;
  if (type === 'List') return Array.isArray(value) ? value.length : -1;
  return typeof value === 'string' ? value.length : -1;
}

/** A list or map shows only whether it is empty, as AWS shows it. */
function shownWithLength(type: 'String' | 'List' | 'Map', value: unknown, length: number): string {
  if (type === 'List') return `'[${length <= 0 ? '' : '...'}]'`;
  if (type === 'Map') return `'{${length <= 0 ? '' : '...'}}'`;
  return quoted(value);
}
