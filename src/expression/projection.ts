// TEMPORARY STUB
import type { AttributeMap } from '../model/attribute-value.js';
import type { ProjectionTree } from './syntax-tree.js';
export function projectItem(item: AttributeMap, projection: ProjectionTree): AttributeMap {
  throw new Error(`stub ${String(item)} ${String(projection)}`);
}
