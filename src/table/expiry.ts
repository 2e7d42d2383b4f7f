import type { AttributeMap } from '../model/attribute-value.js';

/**
 * How far in the past a TTL value may be and still expire: "Items with TTL values older than five years in the past
 * are not deleted" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html).
 * Counted as 5 x 365 days: AWS names no calendar.
 */
export const FIVE_YEARS_MS = 5 * 365 * 86_400_000;

/**
 * When an item with this TTL attribute expires (epoch ms), from the attribute alone: only a top-level Number counts,
 * read as epoch seconds; any other type, or no attribute, never expires. A fraction of a second is kept (AWS asks for
 * seconds and names no rounding; a Number with a fraction is still a Number). A value in milliseconds reads as a date
 * thousands of years ahead, so it never expires, as on AWS.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html
 */
export function expiryTimeOf(item: AttributeMap, attributeName: string): number | undefined {
  if (!Object.hasOwn(item, attributeName)) return undefined;
  const number = item[attributeName]?.N;
  if (number === undefined) return undefined;
  const ms = Number(number) * 1000;
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Whether an item whose TTL is `expiryMs` may be deleted at `nowMs`: the TTL is before now ("If the epoch time value
 * stored in the attribute is less than the current time, the item is marked as expired", API_UpdateTimeToLive), by
 * at most five years.
 */
export function isExpiredAt(expiryMs: number, nowMs: number): boolean {
  return expiryMs < nowMs && expiryMs >= nowMs - FIVE_YEARS_MS;
}

/** The first whole millisecond at which a TTL of `expiryMs` has expired (the clock has passed it). */
export function firstExpiredMs(expiryMs: number): number {
  return Math.floor(expiryMs) + 1;
}

/**
 * When the item expires by AWS's rules as seen at `nowMs` (epoch ms), or undefined when it never will: no Number
 * attribute, or a value more than five years before `nowMs`. A value still in the future is returned: the item
 * expires when the clock passes it (`isExpiredAt`).
 */
export function expiryOf(item: AttributeMap, attributeName: string, nowMs: number): number | undefined {
  const expiryMs = expiryTimeOf(item, attributeName);
  return expiryMs === undefined || expiryMs < nowMs - FIVE_YEARS_MS ? undefined : expiryMs;
}
