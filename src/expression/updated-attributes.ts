import type { AttributeMap } from '../model/attribute-value.js';
import { projectItem } from './projection.js';
import type { DocumentPath, UpdateTree } from './syntax-tree.js';

/*
 * ReturnValues UPDATED_OLD (`item` = the item before) and UPDATED_NEW (`item` = after): "only the updated
 * attributes" (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html#DDB-UpdateItem-request-ReturnValues),
 * which AWS projects to the paths the update touched: `SET a.b = :v` returns {a: {M: {b}}}, not all of `a`; a REMOVE
 * has nothing to return in UPDATED_NEW; with nothing to return there is no Attributes member (recorded against AWS
 * by the dynamodb-conformance suite, nubo-db/dynoxide#36). DynamoDB Local 2.9.30 returns the whole top-level
 * attribute instead (docs/aws-fidelity.md).
 */

/** The values at the paths `tree` touches, as `item` has them; undefined when it has none. */
export function updatedAttributes(tree: UpdateTree, item: AttributeMap | undefined): AttributeMap | undefined {
  if (item === undefined) return undefined;
  const paths: DocumentPath[] = [];
  for (const action of tree.set) paths.push(action.path);
  for (const path of tree.remove) paths.push(path);
  for (const action of tree.add) paths.push(action.path);
  for (const action of tree.delete) paths.push(action.path);
  const attributes = projectItem(item, paths);
  for (const _ in attributes) return attributes;
  return undefined;
}
