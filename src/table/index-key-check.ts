import { ValidationException } from '../errors.js';
import { getAttribute, valueType, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { utf8Length } from '../model/item-size.js';
import { MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES, type KeyAttribute } from '../model/key-schema.js';
import type { IndexDefinition } from './index-definition.js';

// An index's keys have the table's key size limits (model/key-schema.ts, ServiceQuotas.html).

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
  // The common case first, in one pass: every index key value present is one a key can be.
  let valid = true;
  for (let i = 0; i < indexes.length && valid; i++) {
    const { partitionKey, sortKey } = (indexes[i] as IndexDefinition).keySchema;
    valid =
      absentOrKey(item, partitionKey, MAX_PARTITION_KEY_BYTES) &&
      (sortKey === undefined || absentOrKey(item, sortKey, MAX_SORT_KEY_BYTES));
  }
  if (valid) return;
  // Then which problem to name, in DynamoDB Local's order: any size first, then types and empty values.
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
  const type = key.type;
  // A stored value has one member: the expected one, or another type (named only for the message).
  const member = (value as unknown as Record<string, unknown>)[type];
  if (member === undefined) {
    throw new ValidationException(
      `One or more parameter values were invalid: Type mismatch for Index Key ${key.name} Expected: ${type} Actual: ${valueType(value)} IndexName: ${index.name}`,
      'indexKeyTypeMismatch',
    );
  }
  if ((type === 'S' && member === '') || (type === 'B' && (member as Uint8Array).length === 0)) {
    const empty = type === 'S' ? 'string' : 'binary';
    throw new ValidationException(
      write === 'put'
        ? `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${empty} value. IndexName: ${index.name}, IndexKey: ${key.name}`
        : `One or more parameter values are not valid. The update expression attempted to update a secondary index key to a value that is not supported. The AttributeValue for a key attribute cannot contain an empty ${empty} value.`,
      'indexKeyTypeMismatch',
    );
  }
}

/**
 * Whether a stored value can be an index key of this attribute (what `checkIndexKeys` lets through): an item whose
 * value cannot, left over from before a GSI was added, is not in that index, as AWS's backfill leaves out an index
 * key violation (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.ViolationDetection.html).
 */
export function isIndexKeyValue(value: AttributeValue | undefined, key: KeyAttribute, limit: number): boolean {
  if (value === undefined) return false;
  const member = (value as unknown as Record<string, unknown>)[key.type];
  if (member === undefined) return false;
  if (key.type === 'N') return true;
  return (member as string | Uint8Array).length !== 0 && keyBytes(value) <= limit;
}

function absentOrKey(item: AttributeMap, key: KeyAttribute, limit: number): boolean {
  const value = getAttribute(item, key.name);
  return value === undefined || isIndexKeyValue(value, key, limit);
}
