/*
 * A problem found in one expression's text. The request layer wraps it as AWS does, `Invalid <Member>: <message>`;
 * the problems AWS words without the member (key schema, unused placeholders) are ValidationExceptions directly.
 */
export class ExpressionProblem extends Error {}

/** `[a, b, [1]]`, a document path as AWS's messages print it. */
export function showPath(path: readonly (string | number)[]): string {
  return `[${path.map((e) => (typeof e === 'number' ? `[${e}]` : e)).join(', ')}]`;
}
