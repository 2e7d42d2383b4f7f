import { checkUsage } from './condition-resolver.js';
import type { Comparator } from './syntax-tree.js';
import type { RawCondition, RawOperand } from './parse-tree.js';
import { Parser, SyntaxProblem } from './parser-core.js';

/*
 * ConditionExpression, FilterExpression and KeyConditionExpression text to a RawCondition, with AWS's precedence
 * (lowest first): OR, AND, NOT, then parentheses, functions, BETWEEN, IN and the comparators.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Precedence
 */

/** IN takes at most 100 operands (ServiceQuotas.html, "Expression parameters"). */
const MAX_IN_OPERANDS = 100;

export function parseCondition(text: string): RawCondition {
  const parser = new ConditionParser(text);
  const tree = parser.parseOr();
  parser.expectEnd();
  // Where each function may be used, before reserved words (DynamoDB Local 2.9.30: `size(a) AND status` is size's).
  parser.finish(() => checkUsage(tree));
  return tree;
}

class ConditionParser extends Parser {
  /** Conditions written inside parentheses, to refuse `((a = :v))` as DynamoDB Local does. */
  private readonly parenthesised = new WeakSet<RawCondition>();

  parseOr(): RawCondition {
    let left = this.parseAnd();
    while (this.atKeyword('OR')) {
      this.next();
      this.countOperator();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): RawCondition {
    let left = this.parseNot();
    while (this.atKeyword('AND')) {
      this.next();
      this.countOperator();
      left = { kind: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): RawCondition {
    if (this.atKeyword('NOT')) {
      this.next();
      this.countOperator();
      return { kind: 'not', operand: this.parseNot() };
    }
    if (this.peek().kind === '(') return this.parseParenthesised();
    return this.parseComparison();
  }

  /**
   * `(` opens either a condition or an operand (`(a) = :v` is valid): try the condition first, then the operand,
   * and report the syntax error of the attempt that got further, as a backtracking grammar does.
   */
  private parseParenthesised(): RawCondition {
    const start = this.pos;
    let first: SyntaxProblem;
    try {
      this.next();
      const inner = this.parseOr();
      this.expect(')');
      if (this.parenthesised.has(inner)) this.defer('The expression has redundant parentheses;');
      this.parenthesised.add(inner);
      return inner;
    } catch (problem) {
      if (!(problem instanceof SyntaxProblem)) throw problem;
      first = problem;
    }
    this.pos = start;
    try {
      return this.parseComparison();
    } catch (problem) {
      if (problem instanceof SyntaxProblem && problem.at < first.at) throw first;
      throw problem;
    }
  }

  private parseComparison(): RawCondition {
    const subject = this.parseOperand(false);
    const token = this.peek();
    if (token.kind === 'compare') {
      this.next();
      this.countOperator();
      return { kind: 'compare', comparator: token.text as Comparator, left: subject, right: this.parseOperand(false) };
    }
    if (this.atKeyword('BETWEEN')) {
      this.next();
      this.countOperator();
      const low = this.parseOperand(false);
      if (!this.atKeyword('AND')) this.fail();
      this.next();
      return { kind: 'between', subject, low, high: this.parseOperand(false) };
    }
    if (this.atKeyword('IN')) {
      this.next();
      this.countOperator();
      this.expect('(');
      const list: RawOperand[] = [this.parseOperand(false)];
      while (this.peek().kind === ',') {
        this.next();
        list.push(this.parseOperand(false));
      }
      this.expect(')');
      if (list.length > MAX_IN_OPERANDS) {
        this.defer(`The IN operator is provided with too many operands; number of operands: ${list.length}`);
      }
      return { kind: 'in', subject, list };
    }
    if (subject.kind === 'call') return { kind: 'function', call: subject };
    return this.fail();
  }
}
