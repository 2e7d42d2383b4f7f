import type { QueryInput } from '../../table/item-operations.js';
import { METRICS_MEMBERS, TABLE_NAME } from '../common-members.js';
import { decodeConditions } from '../item-members.js';
import { READ_LIMIT, SELECT } from '../../table/read-member-rules.js';
import { decodeAttributeMap } from '../json-codec.js';
import type { WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html */
export const queryValidation: ValidationTable = [
  TABLE_NAME,
  { member: 'IndexName', type: 'String', min: 3, max: 255 },
  SELECT,
  READ_LIMIT,
  { member: 'ConsistentRead', type: 'Boolean' },
  { member: 'KeyConditions', type: 'Map' },
  { member: 'ScanIndexForward', type: 'Boolean' },
  { member: 'ExclusiveStartKey', type: 'Map' },
  { member: 'KeyConditionExpression', type: 'String' },
  { member: 'FilterExpression', type: 'String' },
  { member: 'ProjectionExpression', type: 'String' },
  { member: 'ExpressionAttributeNames', type: 'Map' },
  { member: 'ExpressionAttributeValues', type: 'Map' },
  { member: 'QueryFilter', type: 'Map' },
  { member: 'ConditionalOperator', type: 'String', enum: ['AND', 'OR'] },
  { member: 'AttributesToGet', type: 'List' },
  ...METRICS_MEMBERS,
];

export const query: WireOperation = {
  validation: queryValidation,
  run: (db, input) => {
    const {
      KeyConditions: conditions,
      QueryFilter: filter,
      ExclusiveStartKey: startKey,
      ReturnConsumedCapacity: _capacity,
      ...rest
    } = input;
    const request: Record<string, unknown> = { ...rest };
    if (conditions !== undefined) request.KeyConditions = decodeConditions(conditions);
    if (filter !== undefined) request.QueryFilter = decodeConditions(filter);
    if (startKey !== undefined) request.ExclusiveStartKey = decodeAttributeMap(startKey);
    if (input.ExpressionAttributeValues !== undefined)
      request.ExpressionAttributeValues = decodeAttributeMap(input.ExpressionAttributeValues);
    return db.query(request as unknown as QueryInput & { TableName: string });
  },
};
