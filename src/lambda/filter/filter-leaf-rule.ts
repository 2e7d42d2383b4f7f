import { invalidPattern, unconfirmedSyntax } from './filter-pattern-errors.js';
import { PatternNumber, type PatternJson, type PatternObject } from './filter-pattern-json.js';

/**
 * A field's array of entries, `"Price": [ "x", { "numeric": [">", 10] } ]`, compiled into ORed tests on its
 * leaf values: Lambda's "Filter rule syntax" (invocation-eventfiltering.html#filtering-syntax) and, for what
 * each operator accepts, the EventBridge matcher it follows, aws/event-ruler (`JsonRuleCompiler`).
 */

/** A leaf of a record: what a matcher compares. Objects and arrays are never leaves. */
export type Leaf = string | number | boolean | null;

export type LeafTest = (leaf: Leaf) => boolean;

export interface LeafRule {
  /** Any of them passing on any leaf of the field matches. */
  readonly tests: readonly LeafTest[];
  /** `{"exists": false}` is among the entries: a field with no leaf at all matches. */
  readonly matchesAbsent: boolean;
}

const NUMERIC_OPERATORS = new Set(['=', '<', '<=', '>', '>=']);

export function compileLeafRule(entries: PatternJson[]): LeafRule {
  // event-ruler: "Empty arrays are not allowed" (AWS-validated for Lambda by LocalStack's `{"eventSource": []}` case).
  if (entries.length === 0) throw invalidPattern();
  const tests: LeafTest[] = [];
  let matchesAbsent = false;
  for (const entry of entries) {
    if (entry instanceof Map) {
      const operator = compileOperator(entry);
      if (operator === 'absent') matchesAbsent = true;
      else tests.push(operator);
    } else if (Array.isArray(entry)) {
      throw invalidPattern(); // "Match value must be String, number, true, false, or null"
    } else {
      tests.push(equalsTest(entry));
    }
  }
  return { tests, matchesAbsent };
}

/**
 * Plain values: strings match exactly, character by character; numbers by their string representation, so
 * 300 does not match 300.0 (Lambda doc, "Filter rule syntax"; event-ruler also adds a numeric-equality match
 * here, which the Lambda doc rules out). A number never matches a string: `[101]` does not match `{"N":"101"}`.
 */
function equalsTest(value: string | boolean | null | PatternNumber): LeafTest {
  if (value instanceof PatternNumber) {
    const text = value.text;
    return (leaf) => typeof leaf === 'number' && String(leaf) === text;
  }
  return (leaf) => leaf === value;
}

/** `{ "operator": argument }`: exactly one key (event-ruler: "Only one key allowed in match expression"). */
function compileOperator(expression: PatternObject): LeafTest | 'absent' {
  if (expression.size !== 1) throw invalidPattern();
  const [name, argument] = expression.entries().next().value as [string, PatternJson];
  switch (name) {
    case 'prefix': {
      const prefix = stringArgument(argument, 'prefix');
      return (leaf) => typeof leaf === 'string' && leaf.startsWith(prefix);
    }
    case 'suffix': {
      const suffix = stringArgument(argument, 'suffix');
      return (leaf) => typeof leaf === 'string' && leaf.endsWith(suffix);
    }
    case 'equals-ignore-case': {
      if (typeof argument !== 'string') throw invalidPattern();
      const folded = argument.toLowerCase();
      return (leaf) => typeof leaf === 'string' && leaf.toLowerCase() === folded;
    }
    case 'anything-but':
      return anythingBut(argument);
    case 'numeric':
      return numeric(argument);
    case 'exists':
      if (argument === true) return () => true;
      if (argument === false) return 'absent';
      throw invalidPattern(); // "exists match pattern must be either true or false."
    case 'wildcard':
    case 'cidr':
      throw unconfirmedSyntax(`the "${name}" operator`);
    default:
      throw invalidPattern(); // "Unrecognized match type"
  }
}

/**
 * `prefix` and `suffix` take a string. EventBridge also takes `{"equals-ignore-case": "..."}` there; Lambda's
 * documentation does not, so that form is refused as unconfirmed.
 */
function stringArgument(argument: PatternJson, operator: string): string {
  if (typeof argument === 'string') return argument;
  if (argument instanceof Map && argument.size === 1 && argument.has('equals-ignore-case')) {
    throw unconfirmedSyntax(`"${operator}" with "equals-ignore-case"`);
  }
  throw invalidPattern();
}

/**
 * `{"anything-but": "x" | 5 | ["x", "y"] | [5, 6] | {"prefix": "x"}}`: leaves the entry without it would not
 * match; numbers compare as numbers, a list is of one type (event-ruler: "mixed type is not supported"). Its
 * `suffix`, `equals-ignore-case` and `wildcard` forms are not in Lambda's documentation: refused as unconfirmed.
 */
function anythingBut(argument: PatternJson): LeafTest {
  if (typeof argument === 'string') return (leaf) => leaf !== argument;
  if (argument instanceof PatternNumber) {
    const excluded = argument.value;
    return (leaf) => leaf !== excluded;
  }
  if (Array.isArray(argument)) {
    if (argument.length === 0) throw invalidPattern();
    if (argument.every((value) => typeof value === 'string')) {
      const excluded = new Set<Leaf>(argument);
      return (leaf) => !excluded.has(leaf);
    }
    if (argument.every((value) => value instanceof PatternNumber)) {
      const excluded = new Set<Leaf>(argument.map((value) => value.value));
      return (leaf) => !excluded.has(leaf);
    }
    throw invalidPattern();
  }
  if (argument instanceof Map && argument.size === 1) {
    const [name, value] = argument.entries().next().value as [string, PatternJson];
    if (name === 'prefix') {
      // event-ruler: "Null prefix/suffix not allowed".
      if (typeof value !== 'string' || value === '') throw invalidPattern();
      return (leaf) => !(typeof leaf === 'string' && leaf.startsWith(value));
    }
    if (name === 'suffix' || name === 'equals-ignore-case' || name === 'wildcard') {
      throw unconfirmedSyntax(`"anything-but" with "${name}"`);
    }
  }
  throw invalidPattern();
}

/**
 * `{"numeric": ["=", 5]}` (or `<`, `<=`, `>`, `>=`), or a lower then an upper bound (event-ruler's
 * `processNumericMatchExpression`). Only JSON numbers match, so never an `N` value, a string in the record:
 * "numeric filters do not work with DynamoDB" (LocalStack's AWS-validated `numeric_filter` case).
 */
function numeric(argument: PatternJson): LeafTest {
  if (!Array.isArray(argument)) throw invalidPattern();
  const [operator, bound, secondOperator, secondBound, ...rest] = argument;
  if (typeof operator !== 'string' || !NUMERIC_OPERATORS.has(operator) || !isFiniteNumber(bound))
    throw invalidPattern();
  const first = comparison(operator, bound.value);
  if (argument.length === 2) return first;
  const isLowerBound = operator === '>' || operator === '>=';
  const isUpperBound = secondOperator === '<' || secondOperator === '<=';
  if (rest.length > 0 || !isLowerBound || !isUpperBound || !isFiniteNumber(secondBound)) throw invalidPattern();
  if (secondBound.value <= bound.value) throw invalidPattern();
  const second = comparison(secondOperator, secondBound.value);
  return (leaf) => first(leaf) && second(leaf);
}

// 1e999 parses as Infinity: no bound event-ruler could represent.
function isFiniteNumber(value: PatternJson | undefined): value is PatternNumber {
  return value instanceof PatternNumber && Number.isFinite(value.value);
}

function comparison(operator: string, bound: number): LeafTest {
  switch (operator) {
    case '=':
      return (leaf) => typeof leaf === 'number' && leaf === bound;
    case '<':
      return (leaf) => typeof leaf === 'number' && leaf < bound;
    case '<=':
      return (leaf) => typeof leaf === 'number' && leaf <= bound;
    case '>':
      return (leaf) => typeof leaf === 'number' && leaf > bound;
    default:
      return (leaf) => typeof leaf === 'number' && leaf >= bound;
  }
}
