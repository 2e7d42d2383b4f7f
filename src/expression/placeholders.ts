import { ValidationException } from '../errors.js';
import type { AttributeValue } from '../model/attribute-value.js';
import { canonicalValue } from '../model/frozen-item.js';
import { ExpressionProblem } from './expression-problem.js';
import { javaHashOrder } from './java-hash-order.js';

/*
 * One request's ExpressionAttributeNames and ExpressionAttributeValues: validated once, looked up by every
 * expression of the request, and checked at the end for entries no expression used.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html
 */

/** Placeholder keys are at most 255 characters (ServiceQuotas.html, "Expression parameters"). */
const MAX_KEY_LENGTH = 255;
const NAME_KEY = /^#[A-Za-z0-9_]+$/;
const VALUE_KEY = /^:[A-Za-z0-9_]+$/;

/** A `:value` number as the request wrote it ('01', '1.0'), for the messages that quote it so (BETWEEN's bounds). */
const numbersAsGiven = new WeakMap<AttributeValue, string>();

export function numberAsGiven(value: AttributeValue): string | undefined {
  return numbersAsGiven.get(value) ?? value.N;
}

export class Placeholders {
  private readonly names = new Map<string, string>();
  private readonly values = new Map<string, AttributeValue>();
  private readonly usedNames = new Set<string>();
  private readonly usedValues = new Set<string>();

  /** Validates both maps (already known to be objects or absent) in DynamoDB Local 2.9.30's order and words. */
  constructor(names: Record<string, unknown> | undefined, values: Record<string, unknown> | undefined) {
    for (const [key, name] of Object.entries(names ?? {})) {
      checkKey('ExpressionAttributeNames', key, NAME_KEY);
      if (typeof name !== 'string') {
        throw new ValidationException(`ExpressionAttributeNames contains invalid value: ${key} is not a string`);
      }
      if (name.length === 0) {
        throw new ValidationException(
          `ExpressionAttributeNames contains invalid value: Empty attribute name for key ${key}`,
        );
      }
      this.names.set(key, name);
    }
    for (const [key, value] of Object.entries(values ?? {})) {
      checkKey('ExpressionAttributeValues', key, VALUE_KEY);
      try {
        const canonical = canonicalValue(value).value;
        const given = (value as { N?: unknown }).N;
        if (typeof given === 'string' && canonical.N !== given) numbersAsGiven.set(canonical, given);
        this.values.set(key, canonical);
      } catch (error) {
        if (!(error instanceof ValidationException)) throw error;
        throw new ValidationException(
          `ExpressionAttributeValues contains invalid value: ${error.message} for key ${key}`,
        );
      }
    }
  }

  name(ref: string): string {
    const name = this.names.get(ref);
    if (name === undefined) {
      throw new ExpressionProblem(
        `An expression attribute name used in the document path is not defined; attribute name: ${ref}`,
      );
    }
    this.usedNames.add(ref);
    return name;
  }

  value(ref: string): AttributeValue {
    const value = this.values.get(ref);
    if (value === undefined) {
      throw new ExpressionProblem(
        `An expression attribute value used in expression is not defined; attribute value: ${ref}`,
      );
    }
    this.usedValues.add(ref);
    return value;
  }

  /**
   * Refuses entries no expression of the request used, names first, listed in the order of a Java HashSet as
   * DynamoDB prints them (`keys: {:n, :w, :n2}`).
   */
  checkAllUsed(): void {
    unused('ExpressionAttributeNames', this.names.keys(), this.usedNames);
    unused('ExpressionAttributeValues', this.values.keys(), this.usedValues);
  }
}

function checkKey(member: string, key: string, syntax: RegExp): void {
  if (key.length > MAX_KEY_LENGTH) {
    const size = member === 'ExpressionAttributeNames' ? ` size of key: ${key.length}` : '';
    throw new ValidationException(
      `${member} contains invalid key: The expression attribute map contains a key that is too long;${size}`,
    );
  }
  if (!syntax.test(key)) throw new ValidationException(`${member} contains invalid key: Syntax error; key: "${key}"`);
}

function unused(member: string, keys: Iterable<string>, used: ReadonlySet<string>): void {
  const left = [...keys].filter((key) => !used.has(key));
  if (left.length === 0) return;
  throw new ValidationException(
    `Value provided in ${member} unused in expressions: keys: {${javaHashOrder(left).join(', ')}}`,
  );
}
