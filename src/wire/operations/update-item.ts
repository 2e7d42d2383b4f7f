import { attributeUpdatesToUpdate, checkUpdateActions } from '../../expression/legacy/attribute-updates.js';
import { ValidationException } from '../../errors.js';
import { canonicalItem } from '../../model/frozen-item.js';
import { keyOfKeyParameter, type KeySchema } from '../../model/key-schema.js';
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
 * UpdateItem over the typed API's functional `update`: the legacy AttributeUpdates become that function, over the
 * tree an UpdateExpression parses to; an
 * UpdateExpression goes on to the typed API; with neither, the item is created with
 * its key alone if absent, and left as it is if present (as AWS).
 */
export const updateItem: WireOperation = {
  validation: updateItemValidation,
  run: (db, input) => {
    const updates = input.AttributeUpdates as Record<string, unknown> | undefined;
    if (updates !== undefined && input.UpdateExpression !== undefined) {
      // AWS's text for mixing the legacy and the expression parameters.
      throw new ValidationException(
        'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}',
      );
    }
    // DynamoDB Local 2.9.30's order: every value's JSON types first (the Key's, the updates', Expected's), as AWS reads
    // a body; the table; Expected whole; with AttributeUpdates, the whole Key (a number that is not one, a type that
    // does not match the schema) before the updates' actions; then the typed API.
    const Key = decodeAttributeMap(input.Key);
    const decoded = decodeAttributeUpdates(updates ?? {});
    const expected = decodedExpected(input);
    const table = db.table(input.TableName as string);
    const request = {
      ...conditionalWriteMembers(input, expected, 'now'),
      ...pick(input, ['UpdateExpression']),
      Key,
    } as UpdateItemInput & { TableName: string };
    if (input.UpdateExpression === undefined) {
      checkKeyAgainstSchema(table.keySchema, request.Key);
      checkUpdateActions(decoded);
      // Read whole when it is applied, after the condition: DynamoDB Local 2.9.30 answers ConditionalCheckFailedException
      // for an update with a bad value, or one over 400 KB.
      const update = attributeUpdatesToUpdate(decoded, table.keySchema);
      request.update = update.apply;
      // The named attributes of the whole item before or after (expression/legacy/attribute-updates.ts).
      if (input.ReturnValues === 'UPDATED_OLD')
        return update.updatedAttributes(db.updateItem({ ...request, ReturnValues: 'ALL_OLD' }).Attributes);
      if (input.ReturnValues === 'UPDATED_NEW')
        return update.updatedAttributes(db.updateItem({ ...request, ReturnValues: 'ALL_NEW' }).Attributes);
    }
    return db.updateItem(request);
  },
};

/** An UpdateItem Key's values, then the Key against the schema: ahead of the updates, as the typed API will again. */
function checkKeyAgainstSchema(schema: KeySchema, key: unknown): void {
  // Not a map: left for the typed API, which names it.
  if (key === null || typeof key !== 'object' || Array.isArray(key)) return;
  keyOfKeyParameter(schema, canonicalItem(key).item);
}
