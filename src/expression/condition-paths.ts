import type { ConditionNode, DocumentPath, Operand } from './syntax-tree.js';

/**
 * The top-level attribute names a condition reads, in the order written (each once). Query uses it to refuse a
 * FilterExpression on a key attribute, as AWS does: the key condition already decides those.
 */
export function conditionAttributeNames(node: ConditionNode): string[] {
  const names: string[] = [];
  const add = (path: DocumentPath) => {
    const name = path[0] as string;
    if (!names.includes(name)) names.push(name);
  };
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
  return names;
}
