import { ValidationException } from '../errors.js';
import { getAttribute, setAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { canonicalItem, type CanonicalItem } from '../model/frozen-item.js';
import { valuesEqual } from '../model/item-equality.js';
import { isItemTooLarge, itemToUpdateTooLarge } from '../model/item-limits.js';
import type { ItemUpdate } from './write-plan.js';

/**
 * The item an update makes of the current one, canonical: the key attributes kept from `key` when the update leaves
 * them out, and changing one refused, as AWS refuses it. No update: the current item, or the key alone.
 */
export function updatedItem(
  key: AttributeMap,
  oldItem: AttributeMap | undefined,
  update: ItemUpdate | undefined,
  keyNames: readonly string[],
): CanonicalItem {
  const proposed = update === undefined ? (oldItem ?? {}) : update.apply(oldItem);
  if (proposed === null || typeof proposed !== 'object') {
    throw new ValidationException('The update function must return the new item (an AttributeValue map)');
  }
  // An expression's item has the current item's key as it was (one it changed was refused): only the walk is left.
  if (update?.keepsKey === true && oldItem !== undefined) return canonicalUpdated(proposed, keyNames);
  // Key attributes: kept from Key when left out; changing one is an error, as in AWS.
  const merged: AttributeMap = {};
  for (const name of Object.keys(proposed)) setAttribute(merged, name, proposed[name] as AttributeValue);
  const keyAttributes = canonicalItem(key).item;
  for (const name of Object.keys(keyAttributes)) {
    const given = getAttribute(merged, name);
    if (given === undefined) setAttribute(merged, name, keyAttributes[name] as AttributeValue);
    else if (
      !valuesEqual(canonicalItem({ [name]: given }).item[name] as AttributeValue, keyAttributes[name] as AttributeValue)
    ) {
      throw new ValidationException(
        `One or more parameter values were invalid: Cannot update attribute ${name}. This attribute is part of the key`,
      );
    }
  }
  return canonicalUpdated(merged, keyNames);
}

function canonicalUpdated(item: AttributeMap, keyNames: readonly string[]): CanonicalItem {
  try {
    return canonicalItem(item, keyNames);
  } catch (error) {
    // The update's own values were checked as they were read: past 400 KB here is the item the update makes.
    throw isItemTooLarge(error) ? itemToUpdateTooLarge() : error;
  }
}
