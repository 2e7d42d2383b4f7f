import type { Clock, TimerHandle } from './clock.js';

// Node's timers overflow above 2^31-1 ms (about 24.8 days); longer waits are re-armed in steps.
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** Wall-clock time. Timers are unref'd so a Database never keeps a process alive on its own. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  schedule(atMs: number, callback: () => void): TimerHandle {
    let timer: NodeJS.Timeout | undefined;
    let cancelled = false;
    const arm = (): void => {
      const delay = Math.min(Math.max(0, atMs - Date.now()), MAX_TIMER_DELAY_MS);
      timer = setTimeout(() => {
        if (cancelled) return;
        if (Date.now() < atMs) arm();
        else callback();
      }, delay);
      timer.unref?.();
    };
    arm();
    return {
      cancel: () => {
        cancelled = true;
        if (timer !== undefined) clearTimeout(timer);
      },
    };
  }
}
