import type { ScanInput } from '../../table/item-operations.js';
import { METRICS_MEMBERS, TABLE_NAME } from '../common-members.js';
import { decodeConditions } from '../item-members.js';
import { READ_LIMIT, SEGMENT, SELECT, TOTAL_SEGMENTS } from '../../table/read-member-rules.js';
import { decodeAttributeMap } from '../json-codec.js';
import type { WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html */
export const scanValidation: ValidationTable = [
  TABLE_NAME,
  { member: 'IndexName', type: 'String', min: 3, max: 255 },
  SELECT,
  READ_LIMIT,
  { member: 'ConsistentRead', type: 'Boolean' },
  { member: 'ExclusiveStartKey', type: 'Map' },
  SEGMENT,
  TOTAL_SEGMENTS,
  { member: 'FilterExpression', type: 'String' },
  { member: 'ProjectionExpression', type: 'String' },
  { member: 'ExpressionAttributeNames', type: 'Map' },
  { member: 'ExpressionAttributeValues', type: 'Map' },
  { member: 'ScanFilter', type: 'Map' },
  { member: 'ConditionalOperator', type: 'String', enum: ['AND', 'OR'] },
  { member: 'AttributesToGet', type: 'List' },
  ...METRICS_MEMBERS,
];

export const scan: WireOperation = {
  validation: scanValidation,
  run: (db, input) => {
    const { ExclusiveStartKey: startKey, ScanFilter: filter, ReturnConsumedCapacity: _capacity, ...rest } = input;
    const request: Record<string, unknown> = { ...rest };
    if (filter !== undefined) request.ScanFilter = decodeConditions(filter);
    if (startKey !== undefined) request.ExclusiveStartKey = decodeAttributeMap(startKey);
    if (input.ExpressionAttributeValues !== undefined)
      request.ExpressionAttributeValues = decodeAttributeMap(input.ExpressionAttributeValues);
    return db.scan(request as unknown as ScanInput & { TableName: string });
  },
};
