export type { Clock, TimerHandle, Duration } from './clock.js';
export { durationToMs } from './clock.js';
export { SystemClock } from './system-clock.js';
export { ManualClock, DEFAULT_MANUAL_CLOCK_START_MS } from './manual-clock.js';
export { SeededRandom } from '../model/seeded-random.js';
export { randomSeed } from './random-seed.js';
