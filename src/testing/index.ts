// The test kit: a recorder of a stream's records and matchers for vitest and jest (src/public/vitest.ts, jest.ts).
export { recordStream, StreamRecorder, type Recordable } from './stream-recorder.js';
export type { ExpectedRecord, AsymmetricRecordMatcher } from './expected-record.js';
export {
  shardlineMatchers,
  registerShardlineMatchers,
  type ShardlineMatchers,
  type ExtendableExpect,
} from './shardline-matchers.js';
