import { ValidationException } from '../../errors.js';
import type { UpdateItemInput } from '../../table/item-operations.js';
import { attributeUpdatesToUpdater } from '../attribute-updates.js';
import { EXPRESSION_MEMBERS, METRICS_MEMBERS, TABLE_NAME } from '../common-members.js';
import { decodeAttributeMap, decodeAttributeValue } from '../json-codec.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../validation.js';
import { writeRequest } from './put-item.js';

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
 * UpdateItem over the typed API's functional `update`: the legacy AttributeUpdates become that function; an
 * UpdateExpression goes on to the typed API, which rejects it by name; with neither, the item is created with
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
    const request = { ...writeRequest(input), ...pick(input, ['UpdateExpression']), Key: decodeAttributeMap(input.Key) } as UpdateItemInput & { TableName: string };
    if (input.UpdateExpression === undefined) {
      const table = db.table(input.TableName as string);
      const decoded: Record<string, unknown> = {};
      if (updates !== undefined) {
        for (const name of Object.keys(updates)) {
          const update = updates[name];
          decoded[name] = update !== null && typeof update === 'object' && !Array.isArray(update) ? { ...update, Value: decodeAttributeValue((update as { Value?: unknown }).Value) } : update;
        }
      }
      request.update = attributeUpdatesToUpdater(decoded, table.keySchema);
    }
    return db.updateItem(request);
  },
};
