import { compileLeafRule, type Leaf, type LeafRule } from './filter-leaf-rule.js';
import { invalidPattern, unconfirmedSyntax } from './filter-pattern-errors.js';
import { parsePatternJson, type PatternObject } from './filter-pattern-json.js';

/**
 * One filter's `Pattern`, compiled once into a tree shaped like the record and walked per record (nothing
 * parsed per record). As aws/event-ruler, which Lambda follows: fields AND, array entries OR, only leaves
 * compare (so an object field is absent to `exists`), arrays are transparent (docs/lambda.md, Filtering).
 */

interface ObjectNode {
  readonly kind: 'object';
  readonly fields: readonly Field[];
  /** Every leaf rule below accepts absence: the node matches where the record has nothing at its path. */
  readonly matchesAbsent: boolean;
}

interface LeafNode extends LeafRule {
  readonly kind: 'leaf';
}

type PatternNode = ObjectNode | LeafNode;

interface Field {
  readonly name: string;
  readonly node: PatternNode;
}

/** A compiled pattern: true when the record matches. */
export type RecordMatcher = (record: object) => boolean;

/**
 * Parses and checks a `Pattern` string; throws InvalidParameterValueException "Invalid filter pattern
 * definition." for anything Lambda would refuse at CreateEventSourceMapping / UpdateEventSourceMapping.
 */
export function compilePattern(pattern: string): RecordMatcher {
  const json = parsePatternJson(pattern);
  // event-ruler: "Filter is not an object" (a bare string is AWS-validated as refused by LocalStack's tests).
  if (!(json instanceof Map)) throw invalidPattern();
  const root = compileObject(json);
  return (record) => matchesObjectNode(root, record);
}

function compileObject(object: PatternObject): ObjectNode {
  // event-ruler: "Empty objects are not allowed".
  if (object.size === 0) throw invalidPattern();
  const fields: Field[] = [];
  for (const [name, value] of object) {
    // EventBridge's `$or` is not in Lambda's documented syntax; whether an ESM accepts it is unconfirmed.
    if (name === '$or') throw unconfirmedSyntax('"$or"');
    if (value instanceof Map) fields.push({ name, node: compileObject(value) });
    else if (Array.isArray(value)) fields.push({ name, node: { kind: 'leaf', ...compileLeafRule(value) } });
    else throw invalidPattern(); // event-ruler: "\"x\" must be an object or an array"
  }
  return { kind: 'object', fields, matchesAbsent: fields.every((field) => field.node.matchesAbsent) };
}

function matchesNode(node: PatternNode, value: unknown): boolean {
  return node.kind === 'leaf' ? matchesLeafNode(node, value) : matchesObjectNode(node, value);
}

function matchesLeafNode(node: LeafNode, value: unknown): boolean {
  if (anyLeafPasses(node, value)) return true;
  return node.matchesAbsent && !hasLeaf(value);
}

function anyLeafPasses(node: LeafNode, value: unknown): boolean {
  if (Array.isArray(value)) {
    for (const element of value) if (anyLeafPasses(node, element)) return true;
    return false;
  }
  if (!isLeaf(value)) return false;
  for (const test of node.tests) if (test(value)) return true;
  return false;
}

function hasLeaf(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasLeaf);
  return isLeaf(value);
}

/** Some object at this path (arrays looked through) has every field; or there is no object and absence matches. */
function matchesObjectNode(node: ObjectNode, value: unknown): boolean {
  const outcome = searchObjects(node, value);
  return outcome === MATCHED || (outcome === NO_OBJECT && node.matchesAbsent);
}

const NO_OBJECT = 0;
const NO_MATCH = 1;
const MATCHED = 2;
type SearchOutcome = typeof NO_OBJECT | typeof NO_MATCH | typeof MATCHED;

function searchObjects(node: ObjectNode, value: unknown): SearchOutcome {
  if (Array.isArray(value)) {
    let outcome: SearchOutcome = NO_OBJECT;
    for (const element of value) {
      const found = searchObjects(node, element);
      if (found === MATCHED) return MATCHED;
      if (found === NO_MATCH) outcome = NO_MATCH;
    }
    return outcome;
  }
  if (!isRecordObject(value)) return NO_OBJECT;
  for (const field of node.fields) {
    // Own properties only: a pattern field named "constructor" or "__proto__" is a field like any other.
    const member = Object.hasOwn(value, field.name) ? value[field.name] : undefined;
    if (!matchesNode(field.node, member)) return NO_MATCH;
  }
  return MATCHED;
}

function isLeaf(value: unknown): value is Leaf {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
