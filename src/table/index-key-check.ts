import { ValidationException } from '../errors.js';
import { getAttribute, valueType, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { utf8Length } from '../model/item-size.js';
import type { KeyAttribute } from '../model/key-schema.js';
import type { IndexDefinition } from './index-definition.js';

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-partition-sort-keys:
// the same limits hold for an index's keys.
const MAX_PARTITION_KEY_BYTES = 2048;
const MAX_SORT_KEY_BYTES = 1024;

/** Whether the item was written whole (PutItem, a batch or transaction Put) or made by an update. */
export type IndexKeyWrite = 'put' | 'update';

/**
 * Refuses an item whose value for a secondary index's key attribute cannot be an index key, before anything is
 * written: too long, then of another type than the attribute's definition, or empty. An absent attribute is fine:
 * the item is then not in that index (a sparse index).
 *
 * Texts: the type mismatch as recorded against AWS by dynalite's tests ("Type mismatch for Index Key c Expected: S
 * Actual: N IndexName: index1", for PutItem, UpdateItem and BatchWriteItem); DynamoDB Local 2.9.30 ends it after
 * "Index Key" and lets an UpdateItem through (docs/aws-fidelity.md). The size and empty-value texts are DynamoDB
 * Local 2.9.30's, which checks sizes before types.
 */
export function checkIndexKeys(indexes: readonly IndexDefinition[], item: AttributeMap, write: IndexKeyWrite): void {
  for (let i = 0; i < indexes.length; i++) {
    const { partitionKey, sortKey } = (indexes[i] as IndexDefinition).keySchema;
    checkIndexKeySize(partitionKey, item, MAX_PARTITION_KEY_BYTES);
    if (sortKey !== undefined) checkIndexKeySize(sortKey, item, MAX_SORT_KEY_BYTES);
  }
  for (let i = 0; i < indexes.length; i++) {
    const index = indexes[i] as IndexDefinition;
    const { partitionKey, sortKey } = index.keySchema;
    checkIndexKey(index, partitionKey, item, write);
    if (sortKey !== undefined) checkIndexKey(index, sortKey, item, write);
  }
}

function checkIndexKeySize(key: KeyAttribute, item: AttributeMap, limit: number): void {
  const value = getAttribute(item, key.name);
  if (value === undefined) return;
  if (keyBytes(value) > limit)
    throw new ValidationException(
      'One or more parameter values were invalid: Size limit exceeded',
      'indexKeyTypeMismatch',
    );
}

/** The bytes a key value counts toward its limit: a string's UTF-8, a binary's bytes (anything else is refused later). */
function keyBytes(value: AttributeValue): number {
  if (value.S !== undefined) return value.S.length > 682 ? utf8Length(value.S) : value.S.length;
  if (value.B !== undefined) return value.B.length;
  return 0;
}

function checkIndexKey(index: IndexDefinition, key: KeyAttribute, item: AttributeMap, write: IndexKeyWrite): void {
  const value = getAttribute(item, key.name);
  if (value === undefined) return;
  const type = valueType(value);
  if (type !== key.type) {
    throw new ValidationException(
      `One or more parameter values were invalid: Type mismatch for Index Key ${key.name} Expected: ${key.type} Actual: ${type} IndexName: ${index.name}`,
      'indexKeyTypeMismatch',
    );
  }
  if ((type === 'S' && value.S === '') || (type === 'B' && (value.B as Uint8Array).length === 0)) {
    const empty = type === 'S' ? 'string' : 'binary';
    throw new ValidationException(
      write === 'put'
        ? `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${empty} value. IndexName: ${index.name}, IndexKey: ${key.name}`
        : `One or more parameter values are not valid. The update expression attempted to update a secondary index key to a value that is not supported. The AttributeValue for a key attribute cannot contain an empty ${empty} value.`,
      'indexKeyTypeMismatch',
    );
  }
}
