/** The tests' clock start, 2026-01-01T12:30:15.250Z: a non-zero millisecond part keeps rounding and labels visible. */
export const T0 = Date.UTC(2026, 0, 1, 12, 30, 15, 250);
export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** AWS: a shard iterator expires 15 minutes after it is issued. */
export const ITERATOR_LIFETIME = 15 * 60_000;
