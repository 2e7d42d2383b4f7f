import type { RawPath } from './parse-tree.js';
import { Parser } from './parser-core.js';

/**
 * ProjectionExpression text to its paths, comma-separated, in the order written.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html
 */
export function parseProjection(text: string): readonly RawPath[] {
  const parser = new Parser(text);
  const paths: RawPath[] = [parser.parsePath()];
  while (parser.peek().kind === ',') {
    parser.next();
    paths.push(parser.parsePath());
  }
  parser.expectEnd();
  parser.finish();
  return paths;
}
