import type { PutItemInput } from '../../table/item-operations.js';
import { EXPRESSION_MEMBERS, METRICS_MEMBERS, TABLE_NAME } from '../common-members.js';
import { decodeAttributeMap } from '../json-codec.js';
import { conditionalWriteMembers, decodedExpected } from '../item-members.js';
import type { WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html */
export const putItemValidation: ValidationTable = [
  TABLE_NAME,
  // "Item to put in PutItem cannot be null" (DynamoDB Local's text) comes from the typed API.
  { member: 'Item', type: 'Map' },
  // A value outside the enum is "Return values set to invalid value" (DynamoDB Local), from the typed API.
  { member: 'ReturnValues', type: 'String' },
  { member: 'ReturnValuesOnConditionCheckFailure', type: 'String' },
  ...EXPRESSION_MEMBERS,
  ...METRICS_MEMBERS,
];

export const putItem: WireOperation = {
  validation: putItemValidation,
  run: (db, input) => {
    // DynamoDB Local 2.9.30's order: the JSON types of the Item's values, then of Expected's; then, in the typed API,
    // the item (its values, key and size) before Expected's other problems, found when the condition is evaluated.
    const Item = decodeAttributeMap(input.Item);
    const expected = decodedExpected(input);
    return db.putItem({ ...conditionalWriteMembers(input, expected), Item } as PutItemInput & {
      TableName: string;
    });
  },
};
