import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock, SystemClock } from '../../src/index.js';
import { DEFAULT_MANUAL_CLOCK_START_MS, durationToMs } from '../../src/clock/index.js';

describe('ManualClock', () => {
  it('starts at the given time, or 2026-01-01T00:00:00Z', () => {
    expect(new ManualClock(1234).now()).toBe(1234);
    expect(new ManualClock().now()).toBe(DEFAULT_MANUAL_CLOCK_START_MS);
    expect(new Date(DEFAULT_MANUAL_CLOCK_START_MS).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('advances by milliseconds or by a duration made of parts', () => {
    const clock = new ManualClock(0);
    expect(clock.advance(500)).toBe(500);
    expect(clock.advance({ hours: 1, minutes: 2, seconds: 3, ms: 4 })).toBe(500 + 3_723_004);
    expect(durationToMs({ hours: 25 })).toBe(90_000_000);
  });

  it('fires timers inside advance(), in time order, each seeing its own due time', () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    clock.schedule(300, () => seen.push(`c@${clock.now()}`));
    clock.schedule(100, () => seen.push(`a@${clock.now()}`));
    clock.schedule(200, () => seen.push(`b@${clock.now()}`));
    expect(seen).toEqual([]);
    clock.advance(250);
    expect(seen).toEqual(['a@100', 'b@200']);
    expect(clock.now()).toBe(250);
    clock.set(1000);
    expect(seen).toEqual(['a@100', 'b@200', 'c@300']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('breaks ties in scheduling order, and runs timers scheduled by timers when they fall due', () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    clock.schedule(10, () => {
      seen.push('first');
      clock.schedule(15, () => seen.push('scheduled-by-first'));
      clock.schedule(5000, () => seen.push('later'));
    });
    clock.schedule(10, () => seen.push('second'));
    clock.advance(100);
    expect(seen).toEqual(['first', 'second', 'scheduled-by-first']);
    expect(clock.pendingTimers).toBe(1);
  });

  it('fires a timer scheduled in the past on the next advance, without moving time back', () => {
    const clock = new ManualClock(1000);
    const seen: number[] = [];
    clock.schedule(10, () => seen.push(clock.now()));
    clock.advance(0);
    expect(seen).toEqual([1000]);
  });

  it('cancels timers', () => {
    const clock = new ManualClock(0);
    const fired = vi.fn();
    const handle = clock.schedule(10, fired);
    handle.cancel();
    handle.cancel();
    clock.advance(20);
    expect(fired).not.toHaveBeenCalled();
  });

  it('never goes backwards, and rejects nonsense', () => {
    const clock = new ManualClock(1000);
    expect(() => clock.set(999)).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => new ManualClock(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(clock.now()).toBe(1000);
  });

  it('advance({ days: 1 }) moves a day, and a unit it does not know is a TypeError, never a silent no-op', () => {
    const clock = new ManualClock(0);
    expect(clock.advance({ days: 1 })).toBe(86_400_000);
    // From JavaScript (TypeScript refuses these at compile time).
    const loose = clock as unknown as { advance(duration: unknown): number };
    expect(() => loose.advance({ day: 1 })).toThrow(
      new TypeError("Unknown duration unit 'day': the units are days, hours, minutes, seconds, ms"),
    );
    expect(() => loose.advance({ hours: 1, weeks: 1 })).toThrow(TypeError);
    expect(() => loose.advance(undefined)).toThrow(
      new TypeError(
        'ManualClock.advance(duration) needs a duration: a number of milliseconds or { days, hours, minutes, seconds, ms }',
      ),
    );
    expect(() => loose.advance('1h')).toThrow(
      new TypeError("A duration is a number of milliseconds or { days, hours, minutes, seconds, ms }, got '1h'"),
    );
    expect(() => loose.advance(null)).toThrow(TypeError);
    expect(() => loose.advance({ hours: '1' })).toThrow(new TypeError("A duration's hours must be a number, got '1'"));
    expect(() => loose.advance({ hours: -1 })).toThrow(
      new RangeError("A duration's hours must be a finite number >= 0, got -1"),
    );
    expect(() => loose.advance({ minutes: Number.NaN })).toThrow(RangeError);
    expect(() => loose.advance({ ms: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => loose.advance({ days: 1e308, hours: 1e308 })).toThrow(RangeError);
    expect(clock.now()).toBe(86_400_000);
  });

  it('set(), the constructor and schedule() refuse what is not epoch milliseconds, by name', () => {
    const clock = new ManualClock(0);
    const loose = clock as unknown as { set(ms: unknown): number; schedule(at: unknown, callback: unknown): unknown };
    expect(() => loose.set('2026-01-02')).toThrow(
      new TypeError('ManualClock.set(ms) needs epoch milliseconds (a number), got string'),
    );
    expect(() => loose.set(new Date(1000))).toThrow(
      new TypeError(
        'ManualClock.set(ms) needs epoch milliseconds (a number), got object (for a Date, pass date.getTime())',
      ),
    );
    expect(() => loose.set(undefined)).toThrow(TypeError);
    expect(() => new ManualClock('2026' as unknown as number)).toThrow(
      new TypeError('new ManualClock(startMs) needs epoch milliseconds (a number), got string'),
    );
    expect(() => loose.schedule(Number.NaN, () => {})).toThrow(
      new RangeError('ManualClock.schedule(atMs, callback) needs a finite number of epoch milliseconds, got NaN'),
    );
    expect(() => loose.schedule(10, undefined)).toThrow(
      new TypeError('ManualClock.schedule(atMs, callback) needs a function as callback, got undefined'),
    );
    expect(clock.pendingTimers).toBe(0);
    expect(clock.now()).toBe(0);
  });

  it('refuses to be moved from inside its own timer callback', () => {
    const clock = new ManualClock(0);
    let error: unknown;
    clock.schedule(5, () => {
      try {
        clock.advance(1);
      } catch (caught) {
        error = caught;
      }
    });
    clock.advance(10);
    expect(error).toBeInstanceOf(Error);
    expect(clock.now()).toBe(10);
  });
});

describe('SystemClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the system time and fires unref’d timers when due (driven by fake timers, no sleeping)', () => {
    vi.useFakeTimers({ now: 5_000 });
    const clock = new SystemClock();
    expect(clock.now()).toBe(5_000);
    const fired = vi.fn();
    clock.schedule(7_000, fired);
    vi.advanceTimersByTime(1_999);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
    const cancelled = vi.fn();
    clock.schedule(8_000, cancelled).cancel();
    vi.advanceTimersByTime(10_000);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('re-arms waits longer than a Node timer can hold', () => {
    vi.useFakeTimers({ now: 0 });
    const clock = new SystemClock();
    const fired = vi.fn();
    const thirtyDays = 30 * 24 * 3_600_000;
    clock.schedule(thirtyDays, fired);
    vi.advanceTimersByTime(thirtyDays - 1);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });
});
