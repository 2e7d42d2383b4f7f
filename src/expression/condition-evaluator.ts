// TEMPORARY STUB
import type { AttributeMap } from '../model/attribute-value.js';
import type { ConditionNode } from './syntax-tree.js';
export function conditionHolds(node: ConditionNode, item: AttributeMap | undefined): boolean {
  throw new Error(`stub ${String(node)} ${String(item)}`);
}
