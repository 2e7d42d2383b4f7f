/** Durations and times as people write them (the control interface and the CLI): src/clock/duration-text.ts, iso-time.ts. */
import { describe, expect, it } from 'vitest';
import { readDurationText } from '../../src/clock/duration-text.js';
import { formatIsoTime, parseIsoTime } from '../../src/clock/iso-time.js';

const HOUR = 3_600_000;

describe('readDurationText', () => {
  it.each([
    ['25h', 25 * HOUR],
    ['90m', 90 * 60_000],
    ['1d2h30m', 26.5 * HOUR],
    ['1d', 24 * HOUR],
    ['45s', 45_000],
    ['1500ms', 1_500],
    ['1m30s', 90_000],
    ['2h0m5s10ms', 2 * HOUR + 5_010],
    [' 25h ', 25 * HOUR],
    ['0', 0],
    ['5000', 5_000],
    [5_000, 5_000],
    [0, 0],
  ])('%j is %d ms', (text, ms) => {
    expect(readDurationText(text)).toEqual({ ms });
  });

  it.each([
    ['soon', false],
    ['', false],
    ['h', false],
    ['-5h', false],
    ['1.5h', false],
    ['1h1d', false],
    ['1h1h', false],
    ['25 h', false],
    ['25H', false],
    ['1e3', false],
    ['99999999999999999d', false],
    [-1, false],
    [1.5, false],
    [Number.POSITIVE_INFINITY, false],
    [true, true],
    [null, true],
    [{ hours: 1 }, true],
  ])('refuses %j (type: %s)', (value, type) => {
    const reading = readDurationText(value);
    expect(reading).toMatchObject({ type });
    expect((reading as { problem: string }).problem).not.toBe('');
  });
});

describe('parseIsoTime and formatIsoTime', () => {
  it.each([
    ['2026-01-01T00:00:00Z', Date.UTC(2026, 0, 1)],
    ['2026-01-01T00:00:00.250Z', Date.UTC(2026, 0, 1, 0, 0, 0, 250)],
    ['2026-01-01T01:00+01:00', Date.UTC(2026, 0, 1)],
    ['2026-01-01t00:00:00z', Date.UTC(2026, 0, 1)],
    ['2026-01-01', Date.UTC(2026, 0, 1)],
  ])('%s is %d', (text, ms) => {
    expect(parseIsoTime(text)).toBe(ms);
    expect(formatIsoTime(ms)).toBe(new Date(ms).toISOString());
  });

  // No zone: it would be read in the local zone of whichever process parses it.
  it.each(['2026-01-01T00:00:00', 'tomorrow', '', '2026-13-01T00:00:00Z', 'Jan 1 2026', '1767225600000'])(
    'refuses %j',
    (text) => {
      expect(parseIsoTime(text)).toBeUndefined();
    },
  );
});
