import { describe, expect, it } from 'vitest';
import { ExpressionProblem } from '../../src/expression/expression-problem.js';
import { javaHashOrder } from '../../src/expression/java-hash-order.js';
import { ParseCache } from '../../src/expression/parse-cache.js';

describe('ParseCache', () => {
  it('parses each distinct text once', () => {
    const parsed: string[] = [];
    const cache = new ParseCache((text) => (parsed.push(text), text.length), 10);
    expect([cache.get('ab'), cache.get('ab'), cache.get('abc'), cache.get('ab')]).toEqual([2, 2, 3, 2]);
    expect(parsed).toEqual(['ab', 'abc']);
  });

  it('keeps at most its capacity, dropping the least recently used text', () => {
    const parsed: string[] = [];
    const cache = new ParseCache((text) => parsed.push(text), 2);
    cache.get('a');
    cache.get('b');
    cache.get('a'); // 'b' is now the least recently used
    cache.get('c');
    expect(cache.size).toBe(2);
    cache.get('a');
    cache.get('b');
    expect(parsed).toEqual(['a', 'b', 'c', 'b']);
  });

  it('does not grow past its bound over many distinct texts', () => {
    const cache = new ParseCache((text) => text, 1000);
    for (let i = 0; i < 5000; i++) cache.get(`SET a${i} = :v`);
    expect(cache.size).toBe(1000);
  });

  it('keeps a text that does not parse, and throws its problem each time', () => {
    let calls = 0;
    const cache = new ParseCache((): number => {
      calls++;
      throw new ExpressionProblem('Syntax error; token: "!", near: "!"');
    }, 10);
    expect(() => cache.get('!')).toThrow('Syntax error; token: "!", near: "!"');
    expect(() => cache.get('!')).toThrow(ExpressionProblem);
    expect(calls).toBe(1);
  });
});

describe('javaHashOrder (the order DynamoDB lists unused placeholders in)', () => {
  it.each([
    [
      [':w', ':n2', ':n'],
      [':n', ':w', ':n2'],
    ],
    [
      [':n', ':l', ':m'],
      [':l', ':m', ':n'],
    ],
    [
      ['#b', '#a'],
      ['#a', '#b'],
    ],
  ])('%j -> %j', (keys, order) => {
    expect(javaHashOrder(keys)).toEqual(order);
  });
});
