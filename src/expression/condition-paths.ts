import type { ConditionNode, DocumentPath, Operand, SetValue, UpdateTree } from './syntax-tree.js';

/**
 * The top-level attribute names a condition reads, in the order written (each once). Query uses it to refuse a
 * FilterExpression on a key attribute, as AWS does: the key condition already decides those.
 */
export function conditionAttributeNames(node: ConditionNode): string[] {
  const names: string[] = [];
  for (const path of conditionPaths(node)) {
    const name = path[0] as string;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** The document paths an update's SET values read (`SET x = a.b + :v`), in the order written. */
export function updateValuePaths(update: UpdateTree): DocumentPath[] {
  const paths: DocumentPath[] = [];
  const visit = (value: SetValue): void => {
    switch (value.kind) {
      case 'path':
        paths.push(value.path);
        return;
      case 'value':
        return;
      case 'if_not_exists':
        paths.push(value.path);
        visit(value.fallback);
        return;
      case 'list_append':
        visit(value.first);
        visit(value.second);
        return;
      default:
        visit(value.left);
        visit(value.right);
    }
  };
  for (const action of update.set) visit(action.value);
  return paths;
}

/** The document paths a condition reads, in the order written. */
export function conditionPaths(node: ConditionNode): DocumentPath[] {
  const paths: DocumentPath[] = [];
  const add = (path: DocumentPath) => paths.push(path);
  const addOperand = (operand: Operand) => {
    if (operand.kind !== 'value') add(operand.path);
  };
  const visit = (current: ConditionNode): void => {
    switch (current.kind) {
      case 'and':
      case 'or':
        visit(current.left);
        visit(current.right);
        return;
      case 'not':
        visit(current.operand);
        return;
      case 'compare':
        addOperand(current.left);
        addOperand(current.right);
        return;
      case 'between':
        addOperand(current.subject);
        addOperand(current.low);
        addOperand(current.high);
        return;
      case 'in':
        addOperand(current.subject);
        current.list.forEach(addOperand);
        return;
      case 'attribute_exists':
      case 'attribute_not_exists':
        add(current.path);
        return;
      case 'attribute_type':
        add(current.path);
        addOperand(current.type);
        return;
      case 'begins_with':
        addOperand(current.subject);
        addOperand(current.prefix);
        return;
      case 'contains':
        addOperand(current.subject);
        addOperand(current.operand);
        return;
    }
  };
  visit(node);
  return paths;
}
