import { ExpressionProblem } from './expression-problem.js';
import type { RawOperand, RawPath, RawPathElement } from './parse-tree.js';
import { tokenize, type Token } from './lexer.js';
import { isReservedWord } from './reserved-words.js';

/*
 * The token stream and the grammar shared by every expression kind: document paths and operands. Problems that AWS
 * reports only once the text has parsed (an unknown function, a list index out of range, too many nesting levels
 * or IN operands) are kept in `deferred`, first one first, and thrown after the parse succeeds.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */

/** ServiceQuotas.html, "Expression parameters": at most 300 operators or functions. */
const MAX_OPERATORS = 300;
/** A document path nests at most 32 levels (ServiceQuotas.html, "Nested attribute depth"). */
const MAX_PATH_ELEMENTS = 32;
/** AWS reads a list index as a Java int. */
const MAX_LIST_INDEX = 2147483647;

const KNOWN_FUNCTIONS: ReadonlySet<string> = new Set([
  'attribute_exists',
  'attribute_not_exists',
  'attribute_type',
  'begins_with',
  'contains',
  'size',
  'if_not_exists',
  'list_append',
]);

/** Words the grammar reads as keywords, never as a path's name (matched case-insensitively). */
const KEYWORDS: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN', 'SET', 'REMOVE', 'ADD', 'DELETE']);

/** A syntax error, kept apart so the condition parser can backtrack over a parenthesis and keep the furthest. */
export class SyntaxProblem extends ExpressionProblem {
  constructor(
    text: string,
    tokens: readonly Token[],
    readonly at: number,
  ) {
    super(syntaxMessage(text, tokens, at));
  }
}

/**
 * `Syntax error; token: "<tok>", near: "<frag>"`: the fragment runs from the token before the offending one (or the
 * text's start) to the end of the token after it (or the text's end), whitespace included, as DynamoDB Local 2.9.30
 * prints it.
 */
function syntaxMessage(text: string, tokens: readonly Token[], at: number): string {
  const token = tokens[at]!;
  const from = at > 0 ? tokens[at - 1]!.start : 0;
  const to = token.kind === 'eof' ? text.length : tokens[at + 1]!.end;
  return `Syntax error; token: "${token.text}", near: "${text.slice(from, to)}"`;
}

export class Parser {
  readonly tokens: Token[];
  pos = 0;
  private operators = 0;
  private deferredProblem: string | undefined;
  private lateProblem: string | undefined;
  /** Bare names used in paths, in source order, for the reserved-word check. */
  readonly bareNames: string[] = [];

  constructor(readonly text: string) {
    this.tokens = tokenize(text);
  }

  peek(): Token {
    return this.tokens[this.pos]!;
  }

  peekAt(offset: number): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  next(): Token {
    const token = this.tokens[this.pos]!;
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  fail(): never {
    throw new SyntaxProblem(this.text, this.tokens, this.pos);
  }

  expect(kind: Token['kind']): Token {
    if (this.peek().kind !== kind) this.fail();
    return this.next();
  }

  /** Whether the next token is the keyword `word` (case-insensitive). */
  atKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'name' && token.text.toUpperCase() === word;
  }

  expectEnd(): void {
    if (this.peek().kind !== 'eof') this.fail();
  }

  /** Counts one operator or function; AWS stops counting at the first one over the limit. */
  countOperator(): void {
    this.operators++;
    if (this.operators > MAX_OPERATORS) {
      throw new ExpressionProblem(`The expression contains too many operators; operator count: ${this.operators}`);
    }
  }

  defer(message: string): void {
    this.deferredProblem ??= message;
  }

  /** A problem reported after the reserved words (a clause used twice: DynamoDB Local 2.9.30). */
  deferAfterNames(message: string): void {
    this.lateProblem ??= message;
  }

  /**
   * Once the whole text has parsed: throws the first problem found while parsing, then refuses a reserved word used
   * as a name (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html), then a late one.
   */
  finish(beforeNames?: () => void): void {
    if (this.deferredProblem !== undefined) throw new ExpressionProblem(this.deferredProblem);
    beforeNames?.();
    for (const name of this.bareNames) {
      if (isReservedWord(name)) {
        throw new ExpressionProblem(`Attribute name is a reserved keyword; reserved keyword: ${name}`);
      }
    }
    if (this.lateProblem !== undefined) throw new ExpressionProblem(this.lateProblem);
  }

  /** `a.b[3].#c` */
  parsePath(): RawPath {
    const path: RawPathElement[] = [this.pathName()];
    for (;;) {
      const kind = this.peek().kind;
      if (kind === '.') {
        this.next();
        // DynamoDB Local's grammar takes a `:value` after a dot as a name placeholder, which is then never defined.
        path.push(this.peek().kind === 'valueRef' ? this.next().text : this.pathName());
      } else if (kind === '[') {
        this.next();
        const digits = this.expect('number').text;
        this.expect(']');
        const index = Number(digits);
        if (index > MAX_LIST_INDEX) this.defer(`List index is not within the allowable range; index: [${digits}]`);
        path.push(index);
      } else break;
    }
    if (path.length > MAX_PATH_ELEMENTS) {
      this.defer(`The document path has too many nesting levels; nesting levels: ${path.length}`);
    }
    return path;
  }

  private pathName(): string {
    const token = this.peek();
    if (token.kind === 'nameRef' || (token.kind === 'name' && !KEYWORDS.has(token.text.toUpperCase()))) {
      this.next();
      if (token.kind === 'name') this.bareNames.push(token.text);
      return token.text;
    }
    return this.fail();
  }

  /**
   * A path, a `:value`, a function call or a parenthesised operand; with `arithmetic` (SET's right-hand side) one
   * `+` or `-` between two of them, as AWS allows only one.
   */
  parseOperand(arithmetic: boolean): RawOperand {
    const left = this.parsePrimaryOperand(arithmetic);
    if (!arithmetic) return left;
    const kind = this.peek().kind;
    if (kind !== '+' && kind !== '-') return left;
    this.next();
    this.countOperator();
    const right = this.parsePrimaryOperand(arithmetic);
    return { kind: kind === '+' ? 'plus' : 'minus', left, right };
  }

  private parsePrimaryOperand(arithmetic: boolean): RawOperand {
    const token = this.peek();
    if (token.kind === 'valueRef') {
      this.next();
      return { kind: 'value', ref: token.text };
    }
    if (token.kind === '(') {
      this.next();
      const inner = this.parseOperand(arithmetic);
      this.expect(')');
      return inner;
    }
    if (token.kind === 'name' && this.peekAt(1).kind === '(' && !KEYWORDS.has(token.text.toUpperCase())) {
      return this.parseCall(arithmetic);
    }
    return { kind: 'path', path: this.parsePath() };
  }

  private parseCall(arithmetic: boolean): RawOperand & { kind: 'call' } {
    const name = this.next().text;
    this.next();
    this.countOperator();
    if (!KNOWN_FUNCTIONS.has(name)) this.defer(`Invalid function name; function: ${name}`);
    const args: RawOperand[] = [this.parseOperand(arithmetic)];
    while (this.peek().kind === ',') {
      this.next();
      args.push(this.parseOperand(arithmetic));
    }
    this.expect(')');
    return { kind: 'call', name, args };
  }
}
