import type { DeleteItemInput } from '../../table/item-operations.js';
import { EXPRESSION_MEMBERS, METRICS_MEMBERS, TABLE_NAME } from '../common-members.js';
import { keyedWriteRequest } from '../item-members.js';
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
    const Key = decodeAttributeMap(input.Key);
    return db.deleteItem({ ...keyedWriteRequest(db, input), Key } as DeleteItemInput & { TableName: string });
  },
};
