import { EVENT_ENVELOPE_BYTES, payloadBound, payloadSize } from '../invocation/lambda-event.js';
import { MAX_PAYLOAD_BYTES } from '../mapping/mapping-options.js';
import type { Lane } from '../lanes/lane.js';
import { windowStartOf } from '../lanes/queued-record.js';

/**
 * How many records from a lane's front make its next batch: at most `limit`, within Lambda's 6 MB payload,
 * and with tumbling windows from one window; a record is sent even alone over the cap. `full`: a limit stopped
 * it (it need not wait for MaximumBatchingWindowInSeconds). Sizes are SizeBytes bounds until the cap is near.
 */
export function measureBatch(
  lane: Lane,
  limit: number,
  windowMs: number,
  arnLength: number,
): { count: number; full: boolean } {
  const available = Math.min(limit, lane.length);
  const windowStart = windowMs > 0 ? windowStartOf(lane.at(0), windowMs) : 0;
  let bytes = EVENT_ENVELOPE_BYTES;
  let exact = false;
  let count = 0;
  for (; count < available; count++) {
    const record = lane.at(count);
    if (windowMs > 0 && windowStartOf(record, windowMs) !== windowStart) return { count, full: true };
    let add = exact ? payloadSize(record) : payloadBound(record, arnLength);
    if (bytes + add > MAX_PAYLOAD_BYTES && !exact) {
      // The bounds say the cap may be near: measure exactly from here on.
      exact = true;
      bytes = EVENT_ENVELOPE_BYTES;
      for (let i = 0; i < count; i++) bytes += payloadSize(lane.at(i));
      add = payloadSize(record);
    }
    if (bytes + add > MAX_PAYLOAD_BYTES) return { count: Math.max(count, 1), full: true };
    bytes += add;
  }
  return { count, full: count === limit };
}
