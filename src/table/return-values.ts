import { getAttribute, setAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { itemForCaller } from '../model/frozen-item.js';
import { valuesEqual } from '../model/item-equality.js';
import type { KeySchema } from '../model/key-schema.js';
import type { ReturnValue, UpdateItemOutput } from './item-operations.js';

/** UpdateItem's `Attributes` for its ReturnValues, from the item before and after the update. */
export function updateReturnValues(
  returnValues: ReturnValue,
  oldItem: AttributeMap | undefined,
  newItem: AttributeMap,
  keySchema: KeySchema,
): UpdateItemOutput {
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
