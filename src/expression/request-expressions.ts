// TEMPORARY STUB (replaced by the parser branch at merge).
import type { AttributeValue } from '../model/attribute-value.js';
import type { KeySchema } from '../model/key-schema.js';
import type { ConditionNode, ProjectionTree, UpdateTree } from './syntax-tree.js';
export interface KeyConditionTree {
  readonly partitionKey: { readonly name: string; readonly value: AttributeValue };
  readonly sortKey?: { readonly name: string; readonly condition: ConditionNode };
}
export interface ExpressionMembers {
  ConditionExpression?: unknown;
  FilterExpression?: unknown;
  KeyConditionExpression?: unknown;
  UpdateExpression?: unknown;
  ProjectionExpression?: unknown;
  ExpressionAttributeNames?: unknown;
  ExpressionAttributeValues?: unknown;
}
export interface RequestExpressions {
  condition?: ConditionNode;
  filter?: ConditionNode;
  keyCondition?: KeyConditionTree;
  update?: UpdateTree;
  projection?: ProjectionTree;
}
export function parseRequestExpressions(
  members: ExpressionMembers,
  context: { keySchema?: KeySchema },
): RequestExpressions {
  throw new Error(`stub ${String(members)} ${String(context)}`);
}
export function checkExpressionParameterMix(input: object): void {
  void input;
}
