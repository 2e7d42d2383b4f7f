import type { DurationReading } from './clock.js';

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;

/** Parts of a written duration, largest unit first, each at most once: `1d2h30m`, `90m`, `1500ms`, `45s`. */
const DURATION_TEXT = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;

export const DURATION_EXAMPLES = '"25h", "90m", "1d2h30m", "45s", "1500ms" or a number of milliseconds';

/**
 * Reads a duration as people write one on a command line or in JSON (`"25h"`, `"1d2h30m"`, `"1500ms"`, or a number
 * of milliseconds, also as digits alone), without throwing: the control interface raises a ValidationException
 * and the CLI a usage error, each with the problem's words.
 */
export function readDurationText(duration: unknown): DurationReading {
  if (typeof duration === 'number') {
    return Number.isSafeInteger(duration) && duration >= 0
      ? { ms: duration }
      : { problem: `a duration in milliseconds must be a whole number >= 0, got ${String(duration)}`, type: false };
  }
  if (typeof duration !== 'string')
    return { problem: `a duration is a string such as ${DURATION_EXAMPLES}, got ${typeof duration}`, type: true };
  const text = duration.trim();
  if (/^\d+$/.test(text)) return readDurationText(Number(text));
  const parts = DURATION_TEXT.exec(text);
  if (text === '' || parts === null)
    return {
      problem: `'${duration}' is not a duration: write one such as ${DURATION_EXAMPLES} (units d, h, m, s, ms, largest first)`,
      type: false,
    };
  const [, d, h, m, s, ms] = parts;
  const total =
    Number(d ?? 0) * UNIT_MS.d +
    Number(h ?? 0) * UNIT_MS.h +
    Number(m ?? 0) * UNIT_MS.m +
    Number(s ?? 0) * UNIT_MS.s +
    Number(ms ?? 0) * UNIT_MS.ms;
  return Number.isSafeInteger(total) ? { ms: total } : { problem: `'${duration}' is too long a duration`, type: false };
}
