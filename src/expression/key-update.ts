import { ValidationException } from '../errors.js';
import type { KeySchema } from '../model/key-schema.js';
import type { UpdateTree } from './syntax-tree.js';

/*
 * An update may not touch a key attribute. DynamoDB answers it when the update is applied, after the condition
 * (DynamoDB Local 2.9.30: a failed condition is ConditionalCheckFailedException even then), so the table asks when it
 * makes the update's plan and refuses where it applies the update, not where it parses it.
 */

/**
 * The first key attribute an update touches, if any: keys are not updatable
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html).
 */
export function updatedKeyAttribute(update: UpdateTree, schema: KeySchema): string | undefined {
  const keyNames = [schema.partitionKey.name, schema.sortKey?.name];
  const paths = [
    ...update.set.map((action) => action.path),
    ...update.remove,
    ...update.add.map((a) => a.path),
    ...update.delete.map((a) => a.path),
  ];
  return paths.find((path) => keyNames.includes(path[0] as string))?.[0] as string | undefined;
}

/** AWS's refusal of an update of key attribute `name`, with the reason a transaction turns into a cancellation. */
export function keyAttributeUpdated(name: string): ValidationException {
  return new ValidationException(
    `One or more parameter values were invalid: Cannot update attribute ${name}. This attribute is part of the key`,
    'keyAttributeUpdated',
  );
}
