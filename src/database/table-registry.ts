import { ResourceNotFoundException, ValidationException } from '../errors.js';
import { checkTableName } from '../table/table-definition.js';
import type { Table } from '../table/table.js';

export interface ListTablesInput {
  ExclusiveStartTableName?: string;
  Limit?: number;
}

export interface ListTablesOutput {
  TableNames: string[];
  LastEvaluatedTableName?: string;
}

const NO_TABLE = 'Cannot do operations on a non-existent table';

/** The tables that exist, by name: the lifecycle of a table, from CreateTable to DeleteTable. */
export class TableRegistry {
  readonly #tables = new Map<string, Table>();

  /** The table with this name (throws ValidationException for an invalid name, ResourceNotFoundException for an absent one). */
  get(name: string): Table {
    // DynamoDB Local checks the name first: DescribeTable, PutItem, BatchWriteItem... on "ab" (or none) is
    // a ValidationException, not ResourceNotFoundException.
    checkTableName(name);
    const table = this.#tables.get(name);
    if (table === undefined) throw new ResourceNotFoundException(NO_TABLE);
    return table;
  }

  has(name: string): boolean {
    return this.#tables.has(name);
  }

  /** Every table, in creation order. */
  all(): IterableIterator<Table> {
    return this.#tables.values();
  }

  add(table: Table): void {
    this.#tables.set(table.name, table);
  }

  delete(table: Table): void {
    this.#tables.delete(table.name);
  }

  /** Throws ResourceNotFoundException when `table` was deleted (a handle outlives its table). */
  assertLive(table: Table): void {
    if (this.#tables.get(table.name) !== table) throw new ResourceNotFoundException(NO_TABLE);
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html (names in ascending order). */
  list(input: ListTablesInput = {}): ListTablesOutput {
    const limit = input.Limit;
    if (limit !== undefined && (typeof limit !== 'number' || limit < 1))
      throw new ValidationException('Limit must be greater than or equal to 1');
    if (limit !== undefined && limit > 100) throw new ValidationException('Limit in ListTables must be <= 100');
    const start = input.ExclusiveStartTableName;
    // DynamoDB Local validates the start name like a table name ("ab" is rejected, an absent valid name is not).
    if (start !== undefined) checkTableName(start);
    const names = [...this.#tables.keys()].sort().filter((name) => start === undefined || name > start);
    const page = names.slice(0, limit ?? 100);
    const output: ListTablesOutput = { TableNames: page };
    if (names.length > page.length) output.LastEvaluatedTableName = page[page.length - 1] as string;
    return output;
  }
}
