import type { GetItemInput } from '../../table/item-operations.js';
import { METRICS_MEMBERS, TABLE_NAME } from '../common-members.js';
import { decodeAttributeMap } from '../json-codec.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html */
export const getItemValidation: ValidationTable = [
  TABLE_NAME,
  { member: 'Key', type: 'Map' },
  { member: 'ConsistentRead', type: 'Boolean' },
  { member: 'AttributesToGet', type: 'List' },
  { member: 'ProjectionExpression', type: 'String' },
  { member: 'ExpressionAttributeNames', type: 'Map' },
  ...METRICS_MEMBERS,
];

export const getItem: WireOperation = {
  validation: getItemValidation,
  run: (db, input) => {
    return db.getItem({
      ...pick(input, [
        'TableName',
        'ConsistentRead',
        'AttributesToGet',
        'ProjectionExpression',
        'ExpressionAttributeNames',
      ]),
      Key: decodeAttributeMap(input.Key),
    } as GetItemInput & { TableName: string });
  },
};
