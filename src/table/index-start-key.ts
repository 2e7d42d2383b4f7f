import { ValidationException } from '../errors.js';
import { getAttribute, valueType, type AttributeMap } from '../model/attribute-value.js';
import type { KeyAttribute } from '../model/key-schema.js';
import { freezeStartKey, START_KEY_DOES_NOT_MATCH } from './read-page.js';
import type { SecondaryIndex } from './secondary-index.js';

/**
 * An index's ExclusiveStartKey: exactly the table's key and the index's key attributes (what its LastEvaluatedKey
 * holds), of their types. The texts are AWS's, as dynalite's tests recorded them; DynamoDB Local 2.9.30 words a
 * wrong number of attributes "Exclusive Start Key must have same size as table's key schema" and a wrong type
 * "Type mismatch for attribute to update".
 */
export function indexStartKey(index: SecondaryIndex, key: AttributeMap): AttributeMap {
  const frozen = freezeStartKey(key);
  const attributes = indexKeyAttributes(index);
  if (
    Object.keys(frozen).length !== attributes.length ||
    attributes.some(({ name }) => getAttribute(frozen, name) === undefined)
  )
    throw new ValidationException('The provided starting key is invalid');
  for (const { name, type } of attributes) {
    const value = getAttribute(frozen, name);
    if (value === undefined || valueType(value) !== type || isEmptyKeyValue(value[type]))
      throw new ValidationException(START_KEY_DOES_NOT_MATCH);
  }
  return frozen;
}

/** The table's key attributes and the index's, each once (an LSI shares the table's partition key). */
function indexKeyAttributes(index: SecondaryIndex): KeyAttribute[] {
  const { partitionKey, sortKey } = index.definition.keySchema;
  const all = [index.tableSchema.partitionKey, index.tableSchema.sortKey, partitionKey, sortKey];
  const attributes: KeyAttribute[] = [];
  for (const attribute of all)
    if (attribute !== undefined && !attributes.some(({ name }) => name === attribute.name)) attributes.push(attribute);
  return attributes;
}

/** A key value can be neither an empty string nor empty binary. */
function isEmptyKeyValue(value: unknown): boolean {
  return (typeof value === 'string' || value instanceof Uint8Array) && value.length === 0;
}
