import { ValidationException } from '../errors.js';
import {
  getAttribute,
  setAttribute,
  type AttributeMap,
  type AttributeValue,
  type ScalarAttributeType,
} from './attribute-value.js';
import { binaryKeyText } from './binary-key-text.js';
import { utf8Length, valueSize } from './item-size.js';

/** One entry of a table's KeySchema, in AWS's shape (DescribeTable, DescribeStream). */
export interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

export interface KeyAttribute {
  readonly name: string;
  readonly type: ScalarAttributeType;
}

/** A table's primary key: a partition (HASH) key and an optional sort (RANGE) key. */
export interface KeySchema {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-partition-sort-keys
export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;

/** Key attribute names are 1 to 255 bytes of UTF-8 (ServiceQuotas.html, "Attribute names"). */
export const MAX_KEY_ATTRIBUTE_NAME_BYTES = 255;

/**
 * Refuses a key attribute name (CreateTable's AttributeDefinitions) that is empty or over 255 bytes, in DynamoDB
 * Local 2.9.30's words. It counts bytes though its text says characters: 128 two-byte characters are refused.
 */
export function checkKeyAttributeName(name: unknown): void {
  if (typeof name !== 'string') return;
  if (
    name.length === 0 ||
    (name.length * 3 > MAX_KEY_ATTRIBUTE_NAME_BYTES && utf8Length(name) > MAX_KEY_ATTRIBUTE_NAME_BYTES)
  ) {
    throw new ValidationException(
      'Names of key attributes and attributes projected into an index must be between 1 and 255 characters, inclusive',
    );
  }
}

/**
 * Checks the key attributes of a whole item (PutItem), frozen (canonicalItem's output), and returns the item's
 * storage key. AWS's messages, word for word, per case.
 */
export function keyOfItem(schema: KeySchema, item: AttributeMap): string {
  const pk = checkKeyAttribute(schema.partitionKey, getAttribute(item, schema.partitionKey.name), true);
  if (schema.sortKey === undefined) return pk;
  const sk = checkKeyAttribute(schema.sortKey, getAttribute(item, schema.sortKey.name), false);
  return joinKey(pk, sk);
}

/**
 * Checks a frozen `Key` parameter (GetItem, DeleteItem, UpdateItem): exactly the key attributes, of the right
 * types. Returns the storage key. DynamoDB Local counts the attributes first.
 */
export function keyOfKeyParameter(schema: KeySchema, key: AttributeMap): string {
  const expected = schema.sortKey === undefined ? 1 : 2;
  if (Object.keys(key).length !== expected) {
    throw new ValidationException('The number of conditions on the keys is invalid');
  }
  return keyOfItem(schema, key);
}

/** The key attributes of an item (a stream record's `Keys`): a fresh map over the item's frozen values. */
export function projectKey(schema: KeySchema, item: AttributeMap): AttributeMap {
  const key: AttributeMap = {};
  setAttribute(
    key,
    schema.partitionKey.name,
    keyValueForCaller(getAttribute(item, schema.partitionKey.name) as AttributeValue),
  );
  if (schema.sortKey !== undefined) {
    setAttribute(
      key,
      schema.sortKey.name,
      keyValueForCaller(getAttribute(item, schema.sortKey.name) as AttributeValue),
    );
  }
  return key;
}

/** Typed arrays cannot be frozen: a binary key value leaves as a copy, or a caller could change the stored key. */
function keyValueForCaller(value: AttributeValue): AttributeValue {
  return value.B === undefined ? value : { B: new Uint8Array(value.B) };
}

/**
 * What the partition key hashes over: the string itself, the canonical number text (so "1.0" and "1"
 * route alike, as they are the same key), or the raw bytes.
 */
export function partitionKeyHashInput(schema: KeySchema, item: AttributeMap): string | Uint8Array {
  const value = getAttribute(item, schema.partitionKey.name) as AttributeValue;
  return (value.S ?? value.N ?? value.B) as string | Uint8Array;
}

function scalarOf(value: AttributeValue, type: ScalarAttributeType): string | Uint8Array | undefined {
  if (type === 'S') return value.S;
  if (type === 'N') return value.N;
  return value.B;
}

function checkKeyAttribute(attribute: KeyAttribute, value: AttributeValue | undefined, isPartition: boolean): string {
  if (value === undefined) {
    // DynamoDB Local's text (AWS adds the name: "Missing the key <name> in the item").
    throw new ValidationException('One of the required keys was not given a value');
  }
  const scalar = scalarOf(value, attribute.type);
  if (scalar === undefined) {
    // DynamoDB Local's text (AWS adds "<name> expected: <type> actual: <type>").
    throw new ValidationException(
      'One or more parameter values were invalid: Type mismatch for key',
      'keyTypeMismatch',
    );
  }
  if (typeof scalar === 'string') {
    if (scalar.length === 0) {
      throw new ValidationException(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${attribute.name}`,
      );
    }
    // A UTF-16 code unit is at most 3 UTF-8 bytes: a key this short cannot be over the limit, so it is not counted.
    if (attribute.type === 'S' && scalar.length * 3 > MAX_SORT_KEY_BYTES) checkKeySize(utf8Length(scalar), isPartition);
    return scalar;
  }
  if (scalar.byteLength === 0) {
    throw new ValidationException(
      `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: ${attribute.name}`,
    );
  }
  checkKeySize(scalar.byteLength, isPartition);
  return binaryKeyText(scalar);
}

function checkKeySize(bytes: number, isPartition: boolean): void {
  if (bytes > (isPartition ? MAX_PARTITION_KEY_BYTES : MAX_SORT_KEY_BYTES)) {
    // DynamoDB Local 1.25.1's text, one message for both keys, from PutItem, GetItem and DeleteItem alike
    // (observed: a 2049-byte hash key, a 1025-byte range key). AWS itself names the key that is too long.
    throw new ValidationException(
      'Hash primary key values must be under 2048 bytes, and range primary key values must be under 1024 bytes',
    );
  }
}

/** Partition and sort key joined without ambiguity (a length prefix, since keys may contain any character). */
function joinKey(pk: string, sk: string): string {
  return `${pk.length}:${pk}${sk}`;
}

/** The schema in AWS's shape: the partition key as HASH, then the sort key as RANGE. */
export function keySchemaElements(schema: KeySchema): KeySchemaElement[] {
  const elements: KeySchemaElement[] = [{ AttributeName: schema.partitionKey.name, KeyType: 'HASH' }];
  if (schema.sortKey !== undefined) elements.push({ AttributeName: schema.sortKey.name, KeyType: 'RANGE' });
  return elements;
}

/** The size by AWS's rules of an item's key attributes: a stream record's `Keys`. */
export function keyAttributesSize(schema: KeySchema, item: AttributeMap): number {
  const { partitionKey, sortKey } = schema;
  let size = utf8Length(partitionKey.name) + valueSize(getAttribute(item, partitionKey.name) as AttributeValue);
  if (sortKey !== undefined)
    size += utf8Length(sortKey.name) + valueSize(getAttribute(item, sortKey.name) as AttributeValue);
  return size;
}
