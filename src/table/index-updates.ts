import { LimitExceededException, ResourceNotFoundException, ValidationException } from '../errors.js';
import { checkKeyAttributeName } from '../model/key-schema.js';
import { validationError, type Violation } from '../validation/validation-error.js';
import {
  attributeTypes,
  buildDefinition,
  checkIndexKeySchema,
  checkProjectedTotal,
  checkProjection,
  type GlobalSecondaryIndex,
  type GlobalSecondaryIndexUpdate,
  type IndexDefinition,
} from './index-definition.js';
import {
  checkType,
  indexNameViolations,
  indexViolations,
  MAX_GLOBAL_INDEXES,
  throughputViolations,
} from './index-members.js';
import type { SecondaryIndex } from './secondary-index.js';
import type { TableDefinition } from './table-definition.js';
import type { AttributeDefinition, ProvisionedThroughput } from './throughput-and-attributes.js';

/**
 * UpdateTable's `GlobalSecondaryIndexUpdates`, validated into the changes to make, in AWS's words: one Create or
 * Delete per call (any number of throughput Updates), each index named once.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html#DDB-UpdateTable-request-GlobalSecondaryIndexUpdates
 */

export type IndexChange =
  | { readonly action: 'create'; readonly definition: IndexDefinition; readonly attributes: AttributeDefinition[] }
  | { readonly action: 'delete'; readonly index: SecondaryIndex }
  | { readonly action: 'update'; readonly index: SecondaryIndex; readonly throughput: ProvisionedThroughput };

/** What the changes are checked against. */
export interface IndexedTable {
  readonly name: string;
  readonly definition: TableDefinition;
  readonly indexes: readonly SecondaryIndex[];
}

const INVALID = 'One or more parameter values were invalid: ';
const ONE_ONLINE_INDEX =
  'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table';

/**
 * The changes `updates` asks of `table` (nothing is changed here). `changingStream`: the same call enables or
 * disables the stream, which AWS does not combine with an index's creation or deletion.
 */
export function planIndexUpdates(
  updates: readonly GlobalSecondaryIndexUpdate[],
  attributeDefinitions: readonly AttributeDefinition[] | undefined,
  table: IndexedTable,
  changingStream: boolean,
): IndexChange[] {
  checkUpdateMembers(updates);
  const named = new Set<string>();
  let onlineChanges = 0;
  for (const update of updates) {
    const actions = [update.Create, update.Update, update.Delete].filter((action) => action != null);
    if (actions.length === 0) {
      throw new ValidationException(
        `${INVALID}One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null`,
      );
    }
    if (actions.length > 1) {
      throw new ValidationException(
        `${INVALID}Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object`,
      );
    }
    const name = (actions[0] as { IndexName: string }).IndexName;
    if (named.has(name)) {
      throw new ValidationException(
        `${INVALID}Only one global secondary index update per index is allowed simultaneously. Index: ${name}`,
      );
    }
    named.add(name);
    if (update.Update == null) onlineChanges++;
  }
  if (onlineChanges > 1) throw new LimitExceededException(ONE_ONLINE_INDEX);
  if (onlineChanges > 0 && changingStream)
    throw new ValidationException(`${INVALID}You cannot create or delete index while changing stream status`);
  return updates.map((update) => {
    if (update.Create != null) return planCreate(update.Create, attributeDefinitions, table);
    if (update.Delete != null)
      return { action: 'delete', index: existingGlobal(update.Delete.IndexName, table, 'delete') };
    return planThroughputUpdate(update.Update as NonNullable<GlobalSecondaryIndexUpdate['Update']>, table);
  });
}

/** The model's constraints on every entry, reported together as AWS's shape validator does. */
function checkUpdateMembers(updates: readonly GlobalSecondaryIndexUpdate[]): void {
  const found: Violation[] = [];
  updates.forEach((update, i) => {
    const at = `globalSecondaryIndexUpdates.${i + 1}.member`;
    checkType('Structure', update);
    const { Create, Update, Delete } = (update ?? {}) as GlobalSecondaryIndexUpdate;
    if (Create != null) indexViolations(Create, `${at}.create`, true, found);
    if (Delete != null) {
      checkType('Structure', Delete);
      indexNameViolations(Delete.IndexName, `${at}.delete.indexName`, found);
    }
    if (Update != null) {
      checkType('Structure', Update);
      indexNameViolations(Update.IndexName, `${at}.update.indexName`, found);
      if (Update.ProvisionedThroughput == null)
        found.push({ shown: 'null', at: `${at}.update.provisionedThroughput`, constraint: 'not be null' });
      else throughputViolations(Update.ProvisionedThroughput, `${at}.update.provisionedThroughput`, found);
    }
  });
  if (found.length > 0) throw validationError(found);
}

function planCreate(
  index: GlobalSecondaryIndex,
  requested: readonly AttributeDefinition[] | undefined,
  table: IndexedTable,
): IndexChange {
  const name = index.IndexName;
  if (table.indexes.some((other) => other.name === name))
    throw new ValidationException('Attempting to create an index which already exists');
  if (table.indexes.some((other) => other.status === 'CREATING')) throw new LimitExceededException(ONE_ONLINE_INDEX);
  const globals = table.indexes.filter((other) => other.definition.kind === 'GLOBAL').length;
  if (globals >= MAX_GLOBAL_INDEXES) {
    throw new LimitExceededException(
      `Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of ${MAX_GLOBAL_INDEXES}`,
    );
  }
  if (requested === undefined || requested === null)
    throw new ValidationException(`${INVALID}AttributeDefinitions is not specified for index: ${name}`);
  checkRequestedDefinitions(requested);
  // The table's own definitions stand: AWS reads only the new key attributes' types from the request.
  const types = attributeTypes([...requested, ...table.definition.attributeDefinitions]);
  checkIndexKeySchema(index, types, requested);
  checkProjection(index.Projection);
  checkProjectedTotal([
    ...table.indexes.map((other) => ({ Projection: { NonKeyAttributes: [...other.definition.nonKeyAttributes] } })),
    index,
  ]);
  const given = index.ProvisionedThroughput != null;
  if (table.definition.provisioned !== undefined && !given)
    throw new ValidationException(`${INVALID}ProvisionedThroughput must be specified for index: ${name}`);
  if (table.definition.provisioned === undefined && given) {
    throw new ValidationException(
      `${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: ${name} when BillingMode is PAY_PER_REQUEST`,
    );
  }
  const definition = buildDefinition('GLOBAL', index, types);
  const known = new Set(table.definition.attributeDefinitions.map((attribute) => attribute.AttributeName));
  const attributes = definition.keySchemaElements
    .filter((element) => !known.has(element.AttributeName))
    .map((element) => ({
      AttributeName: element.AttributeName,
      AttributeType: types.get(element.AttributeName) as AttributeDefinition['AttributeType'],
    }));
  return { action: 'create', definition, attributes };
}

/** UpdateTable's AttributeDefinitions: names within bounds, known types, no name twice. */
function checkRequestedDefinitions(definitions: readonly AttributeDefinition[]): void {
  checkType('List', definitions);
  for (const definition of definitions) checkKeyAttributeName(definition?.AttributeName);
  if (new Set(definitions.map((definition) => definition?.AttributeName)).size !== definitions.length)
    throw new ValidationException('Cannot have two attributes with the same name');
  for (const definition of definitions) {
    if (!['S', 'N', 'B'].includes(definition?.AttributeType))
      throw new ValidationException('Member must satisfy enum value set: [B, N, S]');
  }
}

function planThroughputUpdate(
  update: NonNullable<GlobalSecondaryIndexUpdate['Update']>,
  table: IndexedTable,
): IndexChange {
  const index = existingGlobal(update.IndexName, table, 'update');
  const name = index.name;
  if (table.definition.provisioned === undefined) {
    throw new ValidationException(
      `${INVALID}The only Updates for index: ${name} when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput`,
    );
  }
  const current = index.definition.provisioned as ProvisionedThroughput;
  const { ReadCapacityUnits: read, WriteCapacityUnits: write } = update.ProvisionedThroughput;
  if (read === current.ReadCapacityUnits && write === current.WriteCapacityUnits) {
    throw new ValidationException(
      `The provisioned throughput for the index ${name} will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for index ${name}: ${current.ReadCapacityUnits}. Requested ReadCapacityUnits: ${read}. Current WriteCapacityUnits provisioned for index ${name}: ${current.WriteCapacityUnits}. Requested WriteCapacityUnits: ${write}. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.`,
    );
  }
  return { action: 'update', index, throughput: { ReadCapacityUnits: read, WriteCapacityUnits: write } };
}

/** The GSI a Delete or Update names: an LSI's name is refused, an unknown one is not found. */
function existingGlobal(name: string, table: IndexedTable, verb: 'delete' | 'update'): SecondaryIndex {
  const index = table.indexes.find((other) => other.name === name);
  if (index === undefined)
    throw new ResourceNotFoundException(`Requested resource not found: Index ${name} for table ${table.name}`);
  if (index.definition.kind !== 'GLOBAL')
    throw new ValidationException(`Cannot ${verb} an index that is not a GlobalSecondaryIndex: ${name}`);
  return index;
}
