// TEMPORARY STUB
import type { AttributeMap } from '../model/attribute-value.js';
import type { UpdateTree } from './syntax-tree.js';
export function applyUpdate(tree: UpdateTree, item: AttributeMap | undefined): AttributeMap {
  throw new Error(`stub ${String(tree)} ${String(item)}`);
}
