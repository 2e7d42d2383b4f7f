import { ValidationException } from '../../errors.js';
import type { UpdateItemInput } from '../../table/item-operations.js';
import { EXPRESSION_MEMBERS, METRICS_MEMBERS, TABLE_NAME } from '../common-members.js';
import { conditionalWriteMembers, decodedExpected } from '../item-members.js';
import { decodeAttributeMap } from '../json-codec.js';
import { decodeAttributeUpdates } from '../legacy-values.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html */
export const updateItemValidation: ValidationTable = [
  TABLE_NAME,
  { member: 'Key', type: 'Map' },
  { member: 'AttributeUpdates', type: 'Map' },
  { member: 'UpdateExpression', type: 'String' },
  { member: 'ReturnValues', type: 'String' },
  { member: 'ReturnValuesOnConditionCheckFailure', type: 'String' },
  ...EXPRESSION_MEMBERS,
  ...METRICS_MEMBERS,
];

/**
 * UpdateItem over the typed API, which takes the legacy AttributeUpdates and Expected (values decoded here) as it
 * takes an UpdateExpression; with neither, the item is created with its key alone if absent, and left as it is if
 * present (as AWS).
 */
export const updateItem: WireOperation = {
  validation: updateItemValidation,
  run: (db, input) => {
    if (input.AttributeUpdates !== undefined && input.UpdateExpression !== undefined) {
      // AWS's text for mixing the legacy and the expression parameters, before any value is read.
      throw new ValidationException(
        'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}',
      );
    }
    // DynamoDB Local 2.9.30's order: every value's JSON types first (the Key's, the updates', Expected's), as AWS reads
    // a body; the table; then, in the typed API, Expected whole; with AttributeUpdates (or no UpdateExpression), the
    // whole Key (a number that is not one, a type that does not match the schema) before the updates' actions; the
    // rest of the request; the condition; the updates' values, when the update is applied.
    const Key = decodeAttributeMap(input.Key);
    const updates =
      input.AttributeUpdates === undefined
        ? undefined
        : decodeAttributeUpdates(input.AttributeUpdates as Record<string, unknown>);
    const expected = decodedExpected(input);
    db.table(input.TableName as string);
    const request = {
      ...conditionalWriteMembers(input, expected),
      ...pick(input, ['UpdateExpression']),
      Key,
    } as UpdateItemInput & { TableName: string };
    if (updates !== undefined) request.AttributeUpdates = updates as UpdateItemInput['AttributeUpdates'];
    return db.updateItem(request);
  },
};
