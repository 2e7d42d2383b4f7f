/**
 * The deepest JSON a request body may nest before it is parsed. A valid request nests at most about 70 levels (an
 * item's 32 levels take two each, inside a few of the request's own); past 1,000 a body is refused unread. V8's
 * JSON.parse does not overflow the stack, but it slows as it nests: 16 MiB of `[` take seconds to parse, during
 * which the server answers nobody. (DynamoDB Local parses any depth; AWS's answer is not known.)
 */
export const MAX_JSON_DEPTH = 1_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether `bytes`, read as JSON, opens more than `max` objects and arrays inside one another: one pass over the
 * bytes, skipping strings, with no allocation. (Brackets need not balance: a malformed body fails the parse after.)
 */
export function jsonDepthExceeds(bytes: Uint8Array, max: number = MAX_JSON_DEPTH): boolean {
  // A body shorter than the limit cannot open more brackets than it has bytes.
  if (bytes.length <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}
