import type { AttributeValue } from '../../src/model/attribute-value.js';
import type {
  ConditionNode,
  DocumentPath,
  Operand,
  ProjectionTree,
  SetValue,
  UpdateTree,
} from '../../src/expression/syntax-tree.js';

/*
 * Prints a syntax tree back to expression text with its ExpressionAttributeNames and ExpressionAttributeValues:
 * every name through a `#n<i>` placeholder (so reserved words and odd characters print safely), every value through
 * its own `:v<i>`, and parentheses only where precedence needs them. For round-trip tests and for evaluator tests
 * that want text from a tree.
 */
export interface PrintedExpression {
  readonly expression: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, AttributeValue>;
}

class Printer {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private readonly placeholderOf = new Map<string, string>();

  path(path: DocumentPath): string {
    return path
      .map((element, i) => {
        if (typeof element === 'number') return `[${element}]`;
        let placeholder = this.placeholderOf.get(element);
        if (placeholder === undefined) {
          placeholder = `#n${this.placeholderOf.size}`;
          this.placeholderOf.set(element, placeholder);
          Object.defineProperty(this.names, placeholder, { value: element, enumerable: true });
        }
        return i === 0 ? placeholder : `.${placeholder}`;
      })
      .join('');
  }

  value(value: AttributeValue): string {
    const placeholder = `:v${Object.keys(this.values).length}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  operand(operand: Operand): string {
    if (operand.kind === 'path') return this.path(operand.path);
    if (operand.kind === 'size') return `size(${this.path(operand.path)})`;
    return this.value(operand.value);
  }

  /** Precedence: OR 1, AND 2, NOT 3, the rest 4; a child below `min` is parenthesised. */
  condition(node: ConditionNode, min = 1): string {
    const [precedence, text] = this.conditionText(node);
    return precedence < min ? `(${text})` : text;
  }

  private conditionText(node: ConditionNode): [number, string] {
    switch (node.kind) {
      case 'or':
        return [1, `${this.condition(node.left, 1)} OR ${this.condition(node.right, 2)}`];
      case 'and':
        return [2, `${this.condition(node.left, 2)} AND ${this.condition(node.right, 3)}`];
      case 'not':
        return [3, `NOT ${this.condition(node.operand, 3)}`];
      case 'compare':
        return [4, `${this.operand(node.left)} ${node.comparator} ${this.operand(node.right)}`];
      case 'between':
        return [4, `${this.operand(node.subject)} BETWEEN ${this.operand(node.low)} AND ${this.operand(node.high)}`];
      case 'in':
        return [4, `${this.operand(node.subject)} IN (${node.list.map((o) => this.operand(o)).join(', ')})`];
      case 'attribute_exists':
      case 'attribute_not_exists':
        return [4, `${node.kind}(${this.path(node.path)})`];
      case 'attribute_type':
        return [4, `attribute_type(${this.path(node.path)}, ${this.operand(node.type)})`];
      case 'begins_with':
        return [4, `begins_with(${this.operand(node.subject)}, ${this.operand(node.prefix)})`];
      case 'contains':
        return [4, `contains(${this.operand(node.subject)}, ${this.operand(node.operand)})`];
    }
  }

  setValue(value: SetValue): string {
    switch (value.kind) {
      case 'path':
        return this.path(value.path);
      case 'value':
        return this.value(value.value);
      case 'if_not_exists':
        return `if_not_exists(${this.path(value.path)}, ${this.setValue(value.fallback)})`;
      case 'list_append':
        return `list_append(${this.setValue(value.first)}, ${this.setValue(value.second)})`;
      case 'plus':
      case 'minus':
        return `${this.setValue(value.left)} ${value.kind === 'plus' ? '+' : '-'} ${this.setValue(value.right)}`;
    }
  }

  update(tree: UpdateTree): string {
    const clauses: string[] = [];
    if (tree.set.length > 0) {
      clauses.push(`SET ${tree.set.map((a) => `${this.path(a.path)} = ${this.setValue(a.value)}`).join(', ')}`);
    }
    if (tree.remove.length > 0) clauses.push(`REMOVE ${tree.remove.map((p) => this.path(p)).join(', ')}`);
    if (tree.add.length > 0) {
      clauses.push(`ADD ${tree.add.map((a) => `${this.path(a.path)} ${this.value(a.value)}`).join(', ')}`);
    }
    if (tree.delete.length > 0) {
      clauses.push(`DELETE ${tree.delete.map((a) => `${this.path(a.path)} ${this.value(a.value)}`).join(', ')}`);
    }
    return clauses.join(' ');
  }

  done(expression: string): PrintedExpression {
    return { expression, names: this.names, values: this.values };
  }
}

export function printCondition(node: ConditionNode): PrintedExpression {
  const printer = new Printer();
  return printer.done(printer.condition(node));
}

export function printUpdate(tree: UpdateTree): PrintedExpression {
  const printer = new Printer();
  return printer.done(printer.update(tree));
}

export function printProjection(paths: ProjectionTree): PrintedExpression {
  const printer = new Printer();
  return printer.done(paths.map((path) => printer.path(path)).join(', '));
}
