import { DeleteItemCommand, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { KnownDifferenceId } from './known-differences.js';
import type { ScenarioContext } from './scenario.js';

/**
 * A DeleteItem step, after a GetItem of the same key (a step too): DynamoDB Local adds ConsumedCapacity to the
 * DeleteItem of an absent key (`delete-absent-consumed-capacity`), which the step names only when the key is absent.
 */
export async function deleteItemStep(
  context: ScenarioContext,
  label: string,
  TableName: string,
  Key: Record<string, AttributeValue>,
  returnOld: boolean,
): Promise<void> {
  const probe = await context.step(`${label}: probe`, () =>
    context.client.send(new GetItemCommand({ TableName, Key })),
  );
  const known: KnownDifferenceId[] =
    probe !== undefined && probe.Item === undefined ? ['delete-absent-consumed-capacity'] : [];
  await context.step(
    label,
    () =>
      context.client.send(new DeleteItemCommand({ TableName, Key, ReturnValues: returnOld ? 'ALL_OLD' : undefined })),
    known,
  );
}
