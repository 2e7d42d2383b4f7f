/*
 * A problem found in one expression. The request layer wraps it as AWS does: `Invalid <Member>: <message>` for the
 * ones AWS words about the expression's text, the message alone for the rest (key schema, unused placeholders).
 */
export class ExpressionProblem extends Error {
  constructor(
    message: string,
    /** Whether AWS prefixes the message with `Invalid <Member>: `. */
    readonly prefixed = true,
  ) {
    super(message);
  }
}

/** `[a, b, [1]]`, a document path as AWS's messages print it. */
export function showPath(path: readonly (string | number)[]): string {
  return `[${path.map((e) => (typeof e === 'number' ? `[${e}]` : e)).join(', ')}]`;
}
