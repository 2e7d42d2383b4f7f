import { TRANSACT_ITEMS } from '../../database/transact-write.js';
import type { TransactWriteItemsInput } from '../../table/item-operations.js';
import { METRICS_MEMBERS } from '../common-members.js';
import { decodeAttributeMap } from '../json-codec.js';
import type { WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';
import { missingMember } from '../../validation/validation-error.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html */
export const transactWriteItemsValidation: ValidationTable = [
  TRANSACT_ITEMS,
  { member: 'ClientRequestToken', type: 'String', min: 1, max: 36 },
  ...METRICS_MEMBERS,
];

/** The member each kind of item requires in AWS's model (Update needs an UpdateExpression, a check its condition). */
const REQUIRED_EXPRESSION = {
  Update: ['update', 'updateExpression', 'UpdateExpression'],
  ConditionCheck: ['conditionCheck', 'conditionExpression', 'ConditionExpression'],
} as const;

export const transactWriteItems: WireOperation = {
  validation: transactWriteItemsValidation,
  run: (db, input) => {
    const items = input.TransactItems;
    if (!Array.isArray(items)) return db.transactWriteItems({} as TransactWriteItemsInput);
    const decoded = items.map((item: unknown, index) => {
      if (item === null || typeof item !== 'object') return item;
      const out: Record<string, unknown> = {};
      for (const [kind, member] of [
        ['Put', 'Item'],
        ['Delete', 'Key'],
        ['Update', 'Key'],
        ['ConditionCheck', 'Key'],
      ] as const) {
        const operation = (item as Record<string, unknown>)[kind];
        if (operation === undefined || operation === null) continue;
        if (kind === 'Update' || kind === 'ConditionCheck') {
          const [path, expressionPath, expression] = REQUIRED_EXPRESSION[kind];
          // Without its expression the item could not be run at all; with it, the typed API names what is missing.
          if ((operation as Record<string, unknown>)[expression] === undefined) {
            throw missingMember(`transactItems.${index + 1}.member.${path}.${expressionPath}`);
          }
        }
        const { condition: _condition, update: _update, ...wire } = operation as Record<string, unknown>;
        const values = (operation as Record<string, unknown>).ExpressionAttributeValues;
        out[kind] = {
          ...wire,
          [member]: decodeAttributeMap((operation as Record<string, unknown>)[member]),
          ...(values === undefined ? {} : { ExpressionAttributeValues: decodeAttributeMap(values) }),
        };
      }
      return out;
    });
    return db.transactWriteItems({ TransactItems: decoded } as TransactWriteItemsInput);
  },
};
