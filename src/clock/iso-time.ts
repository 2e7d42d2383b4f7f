/** ISO-8601 with a zone (`Z` or `+01:00`), or a date alone (read as UTC midnight, as `Date.parse` does). */
const ISO_TIME = /^\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:\d\d))?$/i;

/**
 * Epoch milliseconds of an ISO-8601 time, or undefined for anything else. A time without a zone is refused rather
 * than read in the local zone of whichever process parses it (the server's and the client's may differ).
 */
export function parseIsoTime(text: string): number | undefined {
  if (!ISO_TIME.test(text.trim())) return undefined;
  const ms = Date.parse(text.trim());
  return Number.isFinite(ms) ? ms : undefined;
}

/** An instant as ISO-8601 in UTC, to the millisecond: `2026-01-01T00:00:00.000Z`. */
export function formatIsoTime(ms: number): string {
  return new Date(ms).toISOString();
}
