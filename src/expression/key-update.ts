import { ValidationException } from '../errors.js';
import type { KeySchema } from '../model/key-schema.js';
import type { UpdateTree } from './syntax-tree.js';

/*
 * An update may not touch a key attribute. DynamoDB answers it when the update is applied, after the condition
 * (DynamoDB Local 2.9.30: a failed condition is ConditionalCheckFailedException even then), so the table calls this
 * where it applies the update, not where it parses it.
 */

/** https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html: keys are not updatable. */
export function checkKeyNotUpdated(update: UpdateTree, schema: KeySchema): void {
  const keyNames = [schema.partitionKey.name, schema.sortKey?.name];
  const paths = [
    ...update.set.map((action) => action.path),
    ...update.remove,
    ...update.add.map((a) => a.path),
    ...update.delete.map((a) => a.path),
  ];
  for (const path of paths) {
    if (keyNames.includes(path[0] as string)) {
      throw new ValidationException(
        `One or more parameter values were invalid: Cannot update attribute ${path[0]}. This attribute is part of the key`,
        'keyAttributeUpdated',
      );
    }
  }
}
