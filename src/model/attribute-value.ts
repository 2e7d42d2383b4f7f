import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * The AWS SDK v3's own `AttributeValue` union, so items move between shardline and `@aws-sdk/client-dynamodb`
 * without conversion. (Type-only import: nothing of the SDK is loaded at run time.)
 */
export type { AttributeValue };

/** An item or key: attribute name to AttributeValue. */
export type AttributeMap = Record<string, AttributeValue>;

/** A key attribute's scalar type, as in `AttributeDefinitions`. */
export type ScalarAttributeType = 'S' | 'N' | 'B';

/** Which type a (frozen, so one-member) AttributeValue is: `S`, `N`, `B`, `SS`, ..., `M`, `L`, `NULL` or `BOOL`. */
export function valueType(value: AttributeValue): string {
  return Object.keys(value)[0] as string;
}

/**
 * Reads an attribute without touching the prototype chain: `item['constructor']` on a plain object is
 * `Object` when the item has no such attribute, and attribute names are data, never code.
 */
export function getAttribute(map: AttributeMap, name: string): AttributeValue | undefined {
  return Object.hasOwn(map, name) ? map[name] : undefined;
}

/**
 * Sets an attribute as an own data property. Plain assignment of `__proto__` would replace the object's
 * prototype instead of storing the attribute.
 */
export function setAttribute<T>(target: Record<string, T>, name: string, value: T): void {
  if (name === '__proto__') {
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    // eslint-disable-next-line shardline/map-keys-are-data -- the one safe write: `__proto__` was handled above
    target[name] = value;
  }
}
