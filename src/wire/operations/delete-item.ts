import type { DeleteItemInput } from '../../table/item-operations.js';
import { EXPRESSION_MEMBERS, METRICS_MEMBERS, TABLE_NAME } from '../common-members.js';
import { conditionalWriteMembers, decodedExpected } from '../item-members.js';
import { decodeAttributeMap } from '../json-codec.js';
import type { WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html */
export const deleteItemValidation: ValidationTable = [
  TABLE_NAME,
  { member: 'Key', type: 'Map' },
  { member: 'ReturnValues', type: 'String' },
  { member: 'ReturnValuesOnConditionCheckFailure', type: 'String' },
  ...EXPRESSION_MEMBERS,
  ...METRICS_MEMBERS,
];

export const deleteItem: WireOperation = {
  validation: deleteItemValidation,
  run: (db, input) => {
    // DynamoDB Local 2.9.30's order: the JSON types of the Key's values, then of Expected's; the table; a mix of legacy
    // and expression members; then, in the typed API, Expected whole (too many values, over 400 KB), the Key,
    // ReturnValues and the condition.
    const Key = decodeAttributeMap(input.Key);
    const expected = decodedExpected(input);
    db.table(input.TableName as string);
    const members = conditionalWriteMembers(input, expected);
    return db.deleteItem({ ...members, Key } as DeleteItemInput & { TableName: string });
  },
};
