/**
 * A pattern's JSON, parsed keeping each number's text: Lambda compares them as text ("300, 300.0, and 3.0e2
 * are not considered equal", invocation-eventfiltering.html), which `JSON.parse` forgets. RFC 8259 exactly,
 * the last duplicate key wins, as `JSON.parse`; objects become `Map`s, so `__proto__` is just a key.
 */

/** A number of a pattern: its value and the text it was written with. */
export class PatternNumber {
  constructor(
    readonly text: string,
    readonly value: number,
  ) {}
}

export type PatternObject = Map<string, PatternJson>;
export type PatternJson = string | boolean | null | PatternNumber | PatternJson[] | PatternObject;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Thrown inside the parser only; `parsePatternJson` turns it into `undefined`. */
class NotJson extends Error {}

class Parser {
  #at = 0;
  constructor(private readonly text: string) {}

  document(): PatternJson {
    const value = this.value();
    this.#skipSpace();
    if (this.#at !== this.text.length) throw new NotJson();
    return value;
  }

  value(): PatternJson {
    this.#skipSpace();
    const char = this.text[this.#at];
    if (char === '{') return this.#object();
    if (char === '[') return this.#array();
    if (char === '"') return this.#string();
    if (this.#literal('true')) return true;
    if (this.#literal('false')) return false;
    if (this.#literal('null')) return null;
    return this.#number();
  }

  #object(): PatternObject {
    const out: PatternObject = new Map();
    this.#at++; // {
    this.#skipSpace();
    if (this.text[this.#at] === '}') {
      this.#at++;
      return out;
    }
    for (;;) {
      this.#skipSpace();
      if (this.text[this.#at] !== '"') throw new NotJson();
      const key = this.#string();
      this.#skipSpace();
      if (this.text[this.#at] !== ':') throw new NotJson();
      this.#at++;
      const value = this.value();
      out.set(key, value); // a duplicate key: the last one wins, as with JSON.parse
      this.#skipSpace();
      const next = this.text[this.#at++];
      if (next === '}') return out;
      if (next !== ',') throw new NotJson();
    }
  }

  #array(): PatternJson[] {
    const out: PatternJson[] = [];
    this.#at++; // [
    this.#skipSpace();
    if (this.text[this.#at] === ']') {
      this.#at++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.#skipSpace();
      const next = this.text[this.#at++];
      if (next === ']') return out;
      if (next !== ',') throw new NotJson();
    }
  }

  #string(): string {
    this.#at++; // opening quote
    let out = '';
    let runStart = this.#at;
    for (;;) {
      if (this.#at >= this.text.length) throw new NotJson();
      const code = this.text.charCodeAt(this.#at);
      if (code === 0x22) break; // closing quote
      if (code < 0x20) throw new NotJson(); // raw control characters are not JSON
      if (code !== 0x5c) {
        this.#at++;
        continue;
      }
      out += this.text.slice(runStart, this.#at);
      const escape = this.text[this.#at + 1];
      if (escape === 'u') {
        const hex = this.text.slice(this.#at + 2, this.#at + 6);
        if (!HEX4.test(hex)) throw new NotJson();
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.#at += 6;
      } else {
        const decoded = escape === undefined ? undefined : ESCAPES[escape];
        if (decoded === undefined) throw new NotJson();
        out += decoded;
        this.#at += 2;
      }
      runStart = this.#at;
    }
    out += this.text.slice(runStart, this.#at);
    this.#at++; // closing quote
    return out;
  }

  #number(): PatternNumber {
    NUMBER.lastIndex = this.#at;
    const match = NUMBER.exec(this.text);
    if (match === null) throw new NotJson();
    this.#at += match[0].length;
    return new PatternNumber(match[0], Number(match[0]));
  }

  #literal(word: string): boolean {
    if (!this.text.startsWith(word, this.#at)) return false;
    this.#at += word.length;
    return true;
  }

  #skipSpace(): void {
    for (;;) {
      const char = this.text[this.#at];
      if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') return;
      this.#at++;
    }
  }
}

/** The pattern's JSON, or `undefined` when the text is not JSON. */
export function parsePatternJson(text: string): PatternJson | undefined {
  try {
    return new Parser(text).document();
  } catch (error) {
    if (error instanceof NotJson) return undefined;
    throw error;
  }
}
