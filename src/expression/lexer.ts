/*
 * The expression language's tokens, with their offsets in the text so a syntax error can quote AWS's `near:`
 * fragment. Names are [A-Za-z][A-Za-z0-9_]*, placeholders `#` or `:` and then [A-Za-z0-9_]+, numbers (list
 * indexes) 0 or [1-9][0-9]* (DynamoDB Local reads `01` as `0` then `1`), and any other character is a token of its
 * own, so `!!` fails on its first `!` as AWS's does.
 */

export type TokenKind =
  | 'name'
  | 'nameRef'
  | 'valueRef'
  | 'number'
  | 'compare'
  | '('
  | ')'
  | '['
  | ']'
  | ','
  | '.'
  | '+'
  | '-'
  | 'other'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const PUNCTUATION: Readonly<Record<string, TokenKind>> = {
  '(': '(',
  ')': ')',
  '[': '[',
  ']': ']',
  ',': ',',
  '.': '.',
  '+': '+',
  '-': '-',
  '=': 'compare',
};

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

/** Splits an expression into tokens, ending with an `eof` token at the text's end. Never throws. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    let kind: TokenKind;
    if (isLetter(c)) {
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      kind = 'name';
    } else if ((c === 35 || c === 58) && i + 1 < n && isWordChar(text.charCodeAt(i + 1))) {
      i++;
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      kind = c === 35 ? 'nameRef' : 'valueRef';
    } else if (isDigit(c)) {
      i++;
      if (c !== 48) while (i < n && isDigit(text.charCodeAt(i))) i++;
      kind = 'number';
    } else if (c === 60 || c === 62) {
      // < <= <> > >=
      i++;
      const next = text.charCodeAt(i);
      if (next === 61 || (c === 60 && next === 62)) i++;
      kind = 'compare';
    } else {
      // One UTF-16 code point, so an astral character is one token as in AWS's message.
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      kind = PUNCTUATION[text.slice(start, i)] ?? 'other';
    }
    tokens.push({ kind, text: text.slice(start, i), start, end: i });
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: n, end: n });
  return tokens;
}
