import type { Clock } from '../../clock/clock.js';
import type { MappingHistory } from './mapping-history.js';
import type { ResolvedMappingOptions } from './mapping-options.js';
import type { RequestIds } from './request-ids.js';

/** AWS's mapping states that apply here: changes take effect at once, so there is no `Enabling` or `Creating`. */
export type MappingState = 'Enabled' | 'Disabled' | 'Deleting';

/** What the parts of a mapping (reading, scheduling, invoking, completing) share: its settings and its record. */
export interface MappingContext {
  readonly options: Readonly<ResolvedMappingOptions>;
  readonly clock: Clock;
  readonly functionArn: string;
  readonly eventSourceArn: string;
  /** The function's log stream, as Lambda names one: `2026/01/01/[$LATEST]` and 32 hex digits. */
  readonly logStreamName: string;
  readonly ids: RequestIds;
  readonly history: MappingHistory;
  /** Records older than this (ms) are discarded: MaximumRecordAgeInSeconds, capped by the stream's retention. */
  readonly maxAgeMs: number;
  /** The mapping's state now. */
  readonly state: MappingState;
}
