import { ValidationException } from '../../errors.js';
import type { Database } from '../../database.js';
import { getAttribute, setAttribute, type AttributeMap } from '../../model/attribute-value.js';
import { freezeItem } from '../../model/frozen-item.js';
import { keyOfKeyParameter, type KeySchema } from '../../model/key-schema.js';
import type { UpdateItemInput, UpdateItemOutput, Updater } from '../../table/item-operations.js';
import { attributeUpdatesToUpdater, checkUpdateActions } from '../attribute-updates.js';
import { EXPRESSION_MEMBERS, METRICS_MEMBERS, TABLE_NAME } from '../common-members.js';
import { conditionalWriteMembers, decodedExpected } from '../item-members.js';
import { decodeAttributeMap, decodeAttributeValue } from '../json-codec.js';
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
    // DynamoDB Local 2.9.30's order: every value's JSON types first (the Key's, the updates', Expected's), as AWS reads
    // a body; the table; Expected whole; with AttributeUpdates, the whole Key (a number that is not one, a type that
    // does not match the schema) before the updates' actions; then the typed API.
    const Key = decodeAttributeMap(input.Key);
    const decoded: Record<string, unknown> = {};
    if (updates !== undefined) {
      for (const name of Object.keys(updates)) {
        const update = updates[name];
        setAttribute(decoded, name, update !== null && typeof update === 'object' && !Array.isArray(update) ? { ...update, Value: decodeAttributeValue((update as { Value?: unknown }).Value) } : update);
      }
    }
    const expected = decodedExpected(input);
    const table = db.table(input.TableName as string);
    const request = { ...conditionalWriteMembers(input, expected, 'now'), ...pick(input, ['UpdateExpression']), Key } as UpdateItemInput & { TableName: string };
    if (input.UpdateExpression === undefined) {
      checkKeyAgainstSchema(table.keySchema, request.Key);
      checkUpdateActions(decoded);
      // Read whole when it is applied, after the condition: DynamoDB Local 2.9.30 answers ConditionalCheckFailedException
      // for an update with a bad value, or one over 400 KB.
      const update = attributeUpdatesToUpdater(decoded, table.keySchema);
      if (input.ReturnValues === 'UPDATED_OLD' || input.ReturnValues === 'UPDATED_NEW') return updatedAttributes(db, request, update, Object.keys(decoded), input.ReturnValues);
      request.update = update;
    }
    return db.updateItem(request);
  },
};

/**
 * UPDATED_OLD and UPDATED_NEW of an AttributeUpdates update: "only the updated attributes, as they appeared
 * before / appear after the UpdateItem operation"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html), that is every attribute
 * the request names, also when its value did not change (DynamoDB Local returns `count` for a PUT of the value
 * it already had). The typed API, which only sees a function, can report no more than the attributes whose
 * values changed; here the names are known.
 */
function updatedAttributes(db: Database, request: UpdateItemInput & { TableName: string }, update: Updater, names: readonly string[], returnValues: 'UPDATED_OLD' | 'UPDATED_NEW'): UpdateItemOutput {
  let before: AttributeMap | undefined;
  let after: AttributeMap | undefined;
  db.updateItem({
    ...request,
    ReturnValues: 'NONE',
    update: (current) => {
      before = current;
      after = update(current);
      return after;
    },
  });
  const source = returnValues === 'UPDATED_OLD' ? before : after;
  if (source === undefined) return {};
  const attributes: AttributeMap = {};
  for (const name of names) {
    const value = getAttribute(source, name);
    if (value !== undefined) setAttribute(attributes, name, value);
  }
  return Object.keys(attributes).length === 0 ? {} : { Attributes: attributes };
}

/** An UpdateItem Key's values, then the Key against the schema: ahead of the updates, as the typed API will again. */
function checkKeyAgainstSchema(schema: KeySchema, key: unknown): void {
  // Not a map: left for the typed API, which names it.
  if (key === null || typeof key !== 'object' || Array.isArray(key)) return;
  keyOfKeyParameter(schema, freezeItem(key).item);
}
