import type { TransactGetItemsInput } from '../../table/item-operations.js';
import { decodeAttributeMap } from '../json-codec.js';
import type { WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html */
export const transactGetItemsValidation: ValidationTable = [
  { member: 'TransactItems', type: 'List' },
  { member: 'ReturnConsumedCapacity', type: 'String', enum: ['INDEXES', 'TOTAL', 'NONE'] },
];

export const transactGetItems: WireOperation = {
  validation: transactGetItemsValidation,
  run: (db, input) => {
    const items = input.TransactItems;
    if (!Array.isArray(items)) return db.transactGetItems({} as TransactGetItemsInput);
    const decoded = items.map((item: unknown) => {
      const get = (item as { Get?: unknown } | null)?.Get;
      if (get === null || typeof get !== 'object') return item;
      return { Get: { ...get, Key: decodeAttributeMap((get as { Key?: unknown }).Key) } };
    });
    return db.transactGetItems({ TransactItems: decoded } as TransactGetItemsInput);
  },
};
