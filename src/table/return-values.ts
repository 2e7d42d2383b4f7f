import { getAttribute, setAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { itemForCaller } from '../model/frozen-item.js';
import { valuesEqual } from '../model/item-equality.js';
import type { KeySchema } from '../model/key-schema.js';
import type { ReturnValue, UpdateItemOutput } from './item-operations.js';
import type { ItemUpdate } from './write-plan.js';

/**
 * UpdateItem's `Attributes` for its ReturnValues, from the item before and after the update. UPDATED_OLD and
 * UPDATED_NEW of an UpdateExpression are the paths it touched (`update.touched`); of an update function, the
 * attributes that changed.
 */
export function updateReturnValues(
  returnValues: ReturnValue,
  oldItem: AttributeMap | undefined,
  newItem: AttributeMap,
  keySchema: KeySchema,
  update?: ItemUpdate,
): UpdateItemOutput {
  const touched = update?.touched;
  if (touched !== undefined && (returnValues === 'UPDATED_OLD' || returnValues === 'UPDATED_NEW')) {
    const attributes = touched(returnValues === 'UPDATED_OLD' ? oldItem : newItem);
    return attributes === undefined ? {} : { Attributes: itemForCaller(attributes) };
  }
  switch (returnValues) {
    case 'NONE':
      return {};
    case 'ALL_OLD':
      return oldItem === undefined ? {} : { Attributes: itemForCaller(oldItem) };
    case 'ALL_NEW':
      return { Attributes: itemForCaller(newItem) };
    case 'UPDATED_OLD':
    case 'UPDATED_NEW': {
      // The attributes the update changed: their old values (removed ones included) or their new ones. Key
      // attributes are never among them, also when the update creates the item (DynamoDB Local: UPDATED_NEW of
      // `SET x = :v` on an absent item returns only x).
      const source = returnValues === 'UPDATED_OLD' ? oldItem : newItem;
      const other = returnValues === 'UPDATED_OLD' ? newItem : oldItem;
      if (source === undefined) return {};
      const changed: AttributeMap = {};
      const from = itemForCaller(source);
      for (const name of Object.keys(from)) {
        if (name === keySchema.partitionKey.name || name === keySchema.sortKey?.name) continue;
        const before = other === undefined ? undefined : getAttribute(other, name);
        if (before === undefined || !valuesEqual(before, from[name] as AttributeValue))
          setAttribute(changed, name, from[name] as AttributeValue);
      }
      return Object.keys(changed).length === 0 ? {} : { Attributes: changed };
    }
  }
}
