import type { MemberRule } from '../validation/member-rules.js';

/**
 * Members several item operations share, for their validation tables. The expression members are typed here
 * and rejected by the typed API (or the operation) with a message naming the missing support.
 */
export const TABLE_NAME: MemberRule = { member: 'TableName', type: 'String' };

export const EXPRESSION_MEMBERS: readonly MemberRule[] = [
  { member: 'ConditionExpression', type: 'String' },
  { member: 'ExpressionAttributeNames', type: 'Map' },
  { member: 'ExpressionAttributeValues', type: 'Map' },
  { member: 'Expected', type: 'Map' },
  { member: 'ConditionalOperator', type: 'String', enum: ['AND', 'OR'] },
];

/** Accepted and ignored: shardline reports no consumed capacity or item collection metrics. */
export const METRICS_MEMBERS: readonly MemberRule[] = [
  { member: 'ReturnConsumedCapacity', type: 'String', enum: ['INDEXES', 'TOTAL', 'NONE'] },
  { member: 'ReturnItemCollectionMetrics', type: 'String', enum: ['SIZE', 'NONE'] },
];

export const STREAM_SPECIFICATION: MemberRule = {
  member: 'StreamSpecification',
  type: 'Structure',
  members: [
    { member: 'StreamEnabled', type: 'Boolean' },
    { member: 'StreamViewType', type: 'String' },
  ],
};

export const PROVISIONED_THROUGHPUT: MemberRule = {
  member: 'ProvisionedThroughput',
  type: 'Structure',
  members: [
    { member: 'ReadCapacityUnits', type: 'Integer', required: true, min: 1 },
    { member: 'WriteCapacityUnits', type: 'Integer', required: true, min: 1 },
  ],
};

export const BILLING_MODE: MemberRule = {
  member: 'BillingMode',
  type: 'String',
  enum: ['PROVISIONED', 'PAY_PER_REQUEST'],
};
