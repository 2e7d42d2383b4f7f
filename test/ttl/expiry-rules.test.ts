/**
 * Which items expire, as AWS documents: only a top-level Number holding epoch seconds; any other type or a missing
 * attribute never expires; a value more than five years in the past is ignored; a future value expires when the
 * clock passes it (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html).
 */
import { describe, expect, it } from 'vitest';
import type { AttributeMap, AttributeValue } from '../../src/index.js';
import { expiryOf, FIVE_YEARS_MS, isExpiredAt } from '../../src/table/expiry.js';
import { T0 } from '../support/time.js';

const NOW_S = T0 / 1000;
const item = (expires: AttributeValue | undefined): AttributeMap =>
  expires === undefined ? { id: { S: 'a' } } : { id: { S: 'a' }, expires };

describe('expiryOf: when an item expires, by AWS rules', () => {
  it.each<[string, AttributeValue | undefined, number | undefined]>([
    ['a Number of seconds in the past', { N: String(NOW_S - 60) }, T0 - 60_000],
    ['a Number of seconds now', { N: String(NOW_S) }, T0],
    ['a Number of seconds in the future', { N: String(NOW_S + 3600) }, T0 + 3_600_000],
    ['a fraction of a second is kept', { N: String(NOW_S + 0.5) }, T0 + 500],
    ['an exponent form', { N: '1.7e9' }, 1.7e12],
    ['milliseconds read as seconds: far future', { N: String(T0) }, T0 * 1000],
    ['almost five years ago', { N: String(NOW_S - FIVE_YEARS_MS / 1000 + 1) }, T0 - FIVE_YEARS_MS + 1000],
    ['exactly five years ago', { N: String(NOW_S - FIVE_YEARS_MS / 1000) }, T0 - FIVE_YEARS_MS],
    ['more than five years ago: ignored', { N: String(NOW_S - FIVE_YEARS_MS / 1000 - 1) }, undefined],
    ['zero (1970): ignored', { N: '0' }, undefined],
    ['a negative Number: ignored', { N: '-5' }, undefined],
    ['the largest Number: far future', { N: '9.9999999999999999999999999999999999999E+125' }, 1e129],
    ['a String of digits', { S: String(NOW_S - 60) }, undefined],
    ['a Number set', { NS: [String(NOW_S - 60)] }, undefined],
    ['a List holding a Number', { L: [{ N: String(NOW_S - 60) }] }, undefined],
    ['a Map holding the Number', { M: { expires: { N: String(NOW_S - 60) } } }, undefined],
    ['a Boolean', { BOOL: true }, undefined],
    ['NULL', { NULL: true }, undefined],
    ['no attribute', undefined, undefined],
  ])('%s', (_name, value, expected) => {
    const expiry = expiryOf(item(value), 'expires', T0);
    if (expected === undefined) expect(expiry).toBeUndefined();
    else expect((expiry as number) / expected).toBeCloseTo(1, 12);
  });

  it('reads only the named attribute, at the top level, whatever its name', () => {
    const nested = { id: { S: 'a' }, other: { N: String(NOW_S) } };
    expect(expiryOf(nested, 'expires', T0)).toBeUndefined();
    expect(expiryOf({ id: { S: 'a' } }, '__proto__', T0)).toBeUndefined();
    expect(expiryOf(JSON.parse(`{"__proto__":{"N":"${NOW_S}"}}`), '__proto__', T0)).toBe(T0);
  });

  it.each<[string, number, number, boolean]>([
    ['not yet', T0 + 1, T0, false],
    ['at the instant: not yet (AWS: less than the current time)', T0, T0, false],
    ['a millisecond after', T0 - 1, T0, true],
    ['an hour after', T0 - 3_600_000, T0, true],
    ['five years after', T0 - FIVE_YEARS_MS, T0, true],
    ['more than five years after', T0 - FIVE_YEARS_MS - 1, T0, false],
  ])('isExpiredAt: %s', (_name, expiryMs, nowMs, expected) => {
    expect(isExpiredAt(expiryMs, nowMs)).toBe(expected);
  });
});
