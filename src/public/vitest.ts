// shardline/vitest: importing it (from a setup file) registers shardline's matchers with vitest's expect, and gives
// them their types. Beside the re-exports, this file's one statement is that registration: package.json lists it
// under "sideEffects", so that a bundler keeps the import.
import { expect, type Assertion } from 'vitest';
import { registerShardlineMatchers, type ShardlineMatchers } from '../testing/index.js';

registerShardlineMatchers(expect);

export {
  recordStream,
  StreamRecorder,
  shardlineMatchers,
  type Recordable,
  type ExpectedRecord,
  type AsymmetricRecordMatcher,
  type ShardlineMatchers,
} from '../testing/index.js';

/**
 * vitest's assertion, with shardline's matchers. Also what keeps an import of vitest in the built declarations (the
 * declarations bundler drops a bare one), which the augmentation below needs to find vitest's types.
 */
export type ShardlineAssertion<T = unknown> = Assertion<T>;

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any -- vitest's own augmentation pattern
  interface Assertion<T = any> extends ShardlineMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the same matchers as `expect.toHaveRecords(...)`
  interface AsymmetricMatchersContaining extends ShardlineMatchers {}
}
