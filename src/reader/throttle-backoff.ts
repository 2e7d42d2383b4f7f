import type { Clock } from '../clock/clock.js';
import { isThrottling } from './sdk-errors.js';

/** How a throttled call is retried: exponential delays from `baseDelayMs`, capped at `maxDelayMs`. */
export interface BackoffPolicy {
  /** Retries after the first attempt before the throttling error is thrown. Default 10. */
  maxRetries?: number;
  /** The first delay, doubled after each throttled attempt. Default 100 ms. */
  baseDelayMs?: number;
  /** The longest delay. Default 10 000 ms. */
  maxDelayMs?: number;
}

// The KCL's DynamoDB Streams adapter defaults: throttling base delay 100 ms, at most 10 s.
export const DEFAULT_BACKOFF: Required<BackoffPolicy> = { maxRetries: 10, baseDelayMs: 100, maxDelayMs: 10_000 };

/** The delay before retry number `retry` (0 for the first retry). */
export function backoffDelay(policy: Required<BackoffPolicy>, retry: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
}

/**
 * Runs `attempt`, and while it fails with a throttling error waits on the clock and tries again. The waits are
 * timers on `clock` (a ManualClock in tests, so a test advances through them), without jitter: shardline is
 * deterministic, and one reader per stream has no herd to spread. Other errors are thrown at once.
 */
export async function withBackoff<T>(
  clock: Clock,
  policy: Required<BackoffPolicy>,
  attempt: () => T | PromiseLike<T>,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isThrottling(error) || retry >= policy.maxRetries) throw error;
      const delay = backoffDelay(policy, retry);
      await new Promise<void>((resolve) => clock.schedule(clock.now() + delay, resolve));
    }
  }
}
