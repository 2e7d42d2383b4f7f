import type { DocumentPath, Operand } from './syntax-tree.js';
import { ExpressionProblem, showPath } from './expression-problem.js';
import type { RawOperand, RawPath } from './parse-tree.js';
import type { Placeholders } from './placeholders.js';

/** A path with its `#name` placeholders replaced by the names they stand for (a `:x` after a dot is never one). */
export function resolvePath(path: RawPath, placeholders: Placeholders): DocumentPath {
  return path.map((element) =>
    typeof element === 'string' && (element.startsWith('#') || element.startsWith(':'))
      ? placeholders.name(element)
      : element,
  );
}

export function samePath(a: DocumentPath, b: DocumentPath): boolean {
  return a.length === b.length && a.every((element, i) => element === b[i]);
}

/** `contains(a, a)`, `a = a`, `a BETWEEN a AND b`: AWS refuses a first operand that is also a later one. */
export function checkDistinct(operator: string, first: Operand, rest: readonly Operand[]): void {
  if (first.kind !== 'path') return;
  if (rest.some((operand) => operand.kind === 'path' && samePath(operand.path, first.path))) {
    throw new ExpressionProblem(
      'The first operand must be distinct from the remaining operands for this operator or function; ' +
        `operator: ${operator}, first operand: ${showPath(first.path)}`,
    );
  }
}

/** `Incorrect number of operands for operator or function; ...` unless the call has `count` arguments. */
export function checkArity(call: RawOperand & { kind: 'call' }, count: number): void {
  if (call.args.length !== count) {
    throw new ExpressionProblem(
      'Incorrect number of operands for operator or function; ' +
        `operator or function: ${call.name}, number of operands: ${call.args.length}`,
    );
  }
}

export function requiresPath(name: string): ExpressionProblem {
  return new ExpressionProblem(`Operator or function requires a document path; operator or function: ${name}`);
}
