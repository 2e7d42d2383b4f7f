// shardline/jest: importing it (from a setup file, `setupFilesAfterEnv`) registers shardline's matchers with jest's
// global expect, and gives them their types (for `@jest/globals`' expect, and for @types/jest's global one). It
// imports nothing of jest: with `injectGlobals: false` there is no global expect, and a setup file registers
// `shardlineMatchers` itself. Beside the re-exports, this file's one statement is that registration: package.json
// lists it under "sideEffects", so that a bundler keeps the import.
// Loads `expect`'s declarations, which the augmentation below needs, in the declarations build (which compiles the
// entries alone); a program that uses the built declarations resolves `expect` from them.
/// <reference types="expect" />
import { registerShardlineMatchers, type ExtendableExpect, type ShardlineMatchers } from '../testing/index.js';

const globalExpect = (globalThis as { expect?: Partial<ExtendableExpect> }).expect;
if (typeof globalExpect?.extend === 'function') registerShardlineMatchers(globalExpect as ExtendableExpect);

export {
  recordStream,
  StreamRecorder,
  shardlineMatchers,
  type Recordable,
  type ExpectedRecord,
  type AsymmetricRecordMatcher,
  type ShardlineMatchers,
} from '../testing/index.js';

// `expect`'s Matchers are those of `@jest/expect` and `@jest/globals` (they re-export them).
declare module 'expect' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars -- jest's own augmentation pattern (the same type parameters as `expect`'s)
  interface Matchers<R extends void | Promise<void>, T = unknown> extends ShardlineMatchers<R> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the same matchers as `expect.toHaveRecords(...)`
  interface AsymmetricMatchers extends ShardlineMatchers<void> {}
}

declare global {
  // @types/jest's global expect.
  // eslint-disable-next-line @typescript-eslint/no-namespace -- @types/jest declares its matchers in this namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars -- @types/jest's declaration: the same type parameters
    interface Matchers<R, T = {}> extends ShardlineMatchers<R> {}
  }
}
