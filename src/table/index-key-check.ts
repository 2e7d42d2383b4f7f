import { ValidationException } from '../errors.js';
import { getAttribute, valueType, type AttributeMap } from '../model/attribute-value.js';
import type { KeyAttribute } from '../model/key-schema.js';
import type { SecondaryIndex } from './secondary-index.js';

/**
 * Refuses an item whose value for a secondary index's key attribute is of another type than the attribute's
 * definition, or an empty string or binary, before anything is written. An absent attribute is fine: the item is
 * then not in that index (a sparse index). AWS's texts, as recorded against AWS by dynalite's tests
 * ("Type mismatch for Index Key c Expected: S Actual: N IndexName: index1"); DynamoDB Local 2.9.30 leaves out
 * everything after "Index Key" and lets an UpdateItem through (docs/aws-fidelity.md).
 */
export function checkIndexKeys(indexes: readonly SecondaryIndex[], item: AttributeMap): void {
  for (let i = 0; i < indexes.length; i++) {
    const index = indexes[i] as SecondaryIndex;
    const { partitionKey, sortKey } = index.definition.keySchema;
    checkIndexKey(index, partitionKey, item);
    if (sortKey !== undefined) checkIndexKey(index, sortKey, item);
  }
}

function checkIndexKey(index: SecondaryIndex, key: KeyAttribute, item: AttributeMap): void {
  const value = getAttribute(item, key.name);
  if (value === undefined) return;
  const type = valueType(value);
  if (type !== key.type) {
    throw new ValidationException(
      `One or more parameter values were invalid: Type mismatch for Index Key ${key.name} Expected: ${key.type} Actual: ${type} IndexName: ${index.name}`,
    );
  }
  if ((type === 'S' && value.S === '') || (type === 'B' && (value.B as Uint8Array).length === 0)) {
    throw new ValidationException(
      `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${type === 'S' ? 'string' : 'binary'} value. IndexName: ${index.name}, IndexKey: ${key.name}`,
    );
  }
}
