import type { Clock, TimerHandle } from '../clock/clock.js';
import { ResourceInUseException } from '../errors.js';
import type { GlobalSecondaryIndexDescription } from '../table/index-definition.js';
import type { IndexChange } from '../table/index-updates.js';
import type { TableDescription } from '../table/table-definition.js';
import type { Table } from '../table/table.js';

/** Where a new GSI's backfill takes its time from. */
export interface IndexBackfill {
  readonly clock: Clock;
  /** How long a new GSI stays CREATING (0: ACTIVE at once). */
  readonly backfillMs: number;
  /** The pending backfills' timers, which `Database.close` cancels. */
  readonly timers: Set<TimerHandle>;
}

/**
 * Makes UpdateTable's planned index changes on `table` and returns UpdateTable's description: a created GSI is
 * filled from the table's items now and shows CREATING until the backfill time has passed on the clock; a deleted one
 * is gone at once, and the answer shows it DELETING (as AWS's and DynamoDB Local's answers do); a throughput Update
 * applies at once. The table's attribute definitions gain the new key attributes and lose those no key uses any more
 * (as AWS prunes them). https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.html
 */
export function applyIndexChanges(
  table: Table,
  changes: readonly IndexChange[],
  backfill: IndexBackfill,
): TableDescription {
  const before = changes.some((change) => change.action === 'delete')
    ? (table.describe().GlobalSecondaryIndexes ?? [])
    : [];
  const deleted: { position: number; description: GlobalSecondaryIndexDescription }[] = [];
  let attributes = [...table.definition.attributeDefinitions];
  for (const change of changes) {
    if (change.action === 'create') {
      const created = table.indexes.create(change.definition, backfill.backfillMs > 0 ? 'CREATING' : 'ACTIVE');
      attributes = [...attributes, ...change.attributes];
      if (backfill.backfillMs > 0) {
        const timer = backfill.clock.schedule(backfill.clock.now() + backfill.backfillMs, () => {
          backfill.timers.delete(timer);
          // A GSI deleted (or its table deleted) meanwhile stays gone.
          if (table.indexes.get(created.name) === created) created.status = 'ACTIVE';
        });
        backfill.timers.add(timer);
      }
    } else if (change.action === 'delete') {
      const position = before.findIndex((description) => description.IndexName === change.index.name);
      deleted.push({
        position,
        description: { ...(before[position] as GlobalSecondaryIndexDescription), IndexStatus: 'DELETING' },
      });
      table.indexes.delete(change.index.name);
    } else {
      // The definition's throughput object is the index's own (index-definition.ts builds a fresh one).
      Object.assign(change.index.definition.provisioned as object, change.throughput);
    }
  }
  const used = new Set(table.definition.keySchemaElements.map((element) => element.AttributeName));
  for (const index of table.indexes.all())
    for (const element of index.definition.keySchemaElements) used.add(element.AttributeName);
  table.definition = {
    ...table.definition,
    attributeDefinitions: attributes.filter((attribute) => used.has(attribute.AttributeName)),
    indexes: table.indexes.all().map((index) => index.definition),
  };
  const description = table.describe();
  if (deleted.length === 0) return description;
  const globals = [...(description.GlobalSecondaryIndexes ?? [])];
  for (const { position, description: gone } of deleted) globals.splice(position, 0, gone);
  return withGlobalIndexes(description, globals);
}

/** The description with these GSIs, in their place among the members (before the stream's). */
function withGlobalIndexes(
  description: TableDescription,
  globals: GlobalSecondaryIndexDescription[],
): TableDescription {
  const entries = Object.entries(description).filter(([member]) => member !== 'GlobalSecondaryIndexes');
  const at = entries.findIndex(([member]) => AFTER_INDEXES.includes(member));
  entries.splice(at < 0 ? entries.length : at, 0, ['GlobalSecondaryIndexes', globals]);
  return Object.fromEntries(entries) as unknown as TableDescription;
}

const AFTER_INDEXES = ['StreamSpecification', 'LatestStreamLabel', 'LatestStreamArn', 'DeletionProtectionEnabled'];

/**
 * AWS refuses to delete a table while one of its GSIs is being created (DynamoDB Local deletes it).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html
 */
export function checkNoIndexBeingCreated(table: Table): void {
  if (table.indexes.all().some((index) => index.status === 'CREATING')) {
    throw new ResourceInUseException(
      'Attempt to change a resource which is still in use: Cannot delete table while indexes are being created, updated, or deleted.',
    );
  }
}
