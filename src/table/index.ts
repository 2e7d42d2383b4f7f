export { Table, type PreparedChange } from './table.js';
export * from './item-operations.js';
export * from './table-definition.js';
