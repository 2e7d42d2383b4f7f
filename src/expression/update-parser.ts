import type { RawUpdate, RawUpdateAction, UpdateClause } from './parse-tree.js';
import { Parser } from './parser-core.js';

/*
 * UpdateExpression text to a RawUpdate: SET, REMOVE, ADD and DELETE clauses, each at most once, in any order.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
 */

const CLAUSES: ReadonlySet<string> = new Set<UpdateClause>(['SET', 'REMOVE', 'ADD', 'DELETE']);

export function parseUpdate(text: string): RawUpdate {
  const parser = new Parser(text);
  const actions: RawUpdateAction[] = [];
  const seen = new Set<string>();
  do {
    const token = parser.peek();
    const clause = token.text.toUpperCase();
    if (token.kind !== 'name' || !CLAUSES.has(clause)) parser.fail();
    parser.next();
    if (seen.has(clause))
      parser.deferAfterNames(`The "${clause}" section can only be used once in an update expression;`);
    seen.add(clause);
    for (;;) {
      actions.push(parseAction(parser, clause as UpdateClause));
      if (parser.peek().kind !== ',') break;
      parser.next();
    }
  } while (parser.peek().kind !== 'eof');
  parser.finish();
  return { actions };
}

function parseAction(parser: Parser, clause: UpdateClause): RawUpdateAction {
  const path = parser.parsePath();
  switch (clause) {
    case 'SET':
      if (parser.peek().text !== '=') parser.fail();
      parser.next();
      return { clause, path, value: parser.parseOperand(true) };
    case 'REMOVE':
      return { clause, path };
    default:
      return { clause, path, value: { kind: 'value', ref: parser.expect('valueRef').text } };
  }
}
