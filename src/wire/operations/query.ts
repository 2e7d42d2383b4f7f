import type { QueryInput } from '../../table/item-operations.js';
import { METRICS_MEMBERS, TABLE_NAME } from '../common-members.js';
import { setAttribute } from '../../model/attribute-value.js';
import { decodeAttributeMap, decodeAttributeValue } from '../json-codec.js';
import type { WireOperation } from '../operation.js';
import type { ValidationTable } from '../validation.js';

export const SELECT_VALUES = ['SPECIFIC_ATTRIBUTES', 'COUNT', 'ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES'];

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html */
export const queryValidation: ValidationTable = [
  TABLE_NAME,
  { member: 'IndexName', type: 'String', min: 3, max: 255 },
  { member: 'Select', type: 'String', enum: SELECT_VALUES },
  { member: 'Limit', type: 'Integer', min: 1 },
  { member: 'ConsistentRead', type: 'Boolean' },
  { member: 'KeyConditions', type: 'Map' },
  { member: 'ScanIndexForward', type: 'Boolean' },
  { member: 'ExclusiveStartKey', type: 'Map' },
  // Rejected by the typed API, by name.
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
    const { KeyConditions: conditions, QueryFilter: filter, ExclusiveStartKey: startKey, ReturnConsumedCapacity: _capacity, ...rest } = input;
    const request: Record<string, unknown> = { ...rest };
    if (conditions !== undefined) request.KeyConditions = decodeConditions(conditions);
    if (filter !== undefined) request.QueryFilter = decodeConditions(filter);
    if (startKey !== undefined) request.ExclusiveStartKey = decodeAttributeMap(startKey);
    return db.query(request as unknown as QueryInput & { TableName: string });
  },
};

/** KeyConditions, QueryFilter and ScanFilter: each condition's AttributeValueList from JSON (other shapes pass on, to be rejected there). */
export function decodeConditions(conditions: unknown): unknown {
  if (conditions === null || typeof conditions !== 'object' || Array.isArray(conditions)) return conditions;
  const decoded: Record<string, unknown> = {};
  for (const name of Object.keys(conditions)) {
    const condition = (conditions as Record<string, unknown>)[name];
    const list = (condition as { AttributeValueList?: unknown } | null)?.AttributeValueList;
    setAttribute(decoded, name, Array.isArray(list) ? { ...(condition as object), AttributeValueList: list.map(decodeAttributeValue) } : condition);
  }
  return decoded;
}
