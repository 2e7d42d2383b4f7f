import { ValidationException } from '../../errors.js';
import type { GetItemInput } from '../../table/item-operations.js';
import { METRICS_MEMBERS, TABLE_NAME } from '../common-members.js';
import { decodeAttributeMap } from '../json-codec.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../validation.js';

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

/** Projection expressions are not evaluated yet: a read that asks for one is rejected rather than answered in full. */
export function rejectProjection(input: Record<string, unknown>): void {
  for (const member of ['ProjectionExpression', 'ExpressionAttributeNames']) {
    if (input[member] !== undefined) throw new ValidationException(`${member} is not supported by shardline yet`);
  }
}

export const getItem: WireOperation = {
  validation: getItemValidation,
  run: (db, input) => {
    rejectProjection(input);
    return db.getItem({ ...pick(input, ['TableName', 'ConsistentRead', 'AttributesToGet']), Key: decodeAttributeMap(input.Key) } as GetItemInput & { TableName: string });
  },
};
