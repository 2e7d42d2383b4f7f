export { Table, type PreparedChange } from './table.js';
export * from './item-operations.js';
export * from './table-definition.js';
export type {
  GlobalSecondaryIndex,
  GlobalSecondaryIndexDescription,
  GlobalSecondaryIndexUpdate,
  IndexProjectionType,
  IndexStatus,
  LocalSecondaryIndex,
  LocalSecondaryIndexDescription,
  Projection,
} from './index-definition.js';
export type {
  TimeToLiveStatus,
  TimeToLiveSpecification,
  TimeToLiveDescription,
  UpdateTimeToLiveInput,
  UpdateTimeToLiveOutput,
  DescribeTimeToLiveInput,
  DescribeTimeToLiveOutput,
} from './time-to-live.js';
