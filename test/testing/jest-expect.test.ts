// The same cases as record-matchers.test.ts, with the matchers registered on jest's expect (the `expect` package,
// which jest and @jest/globals re-export), registered by importing shardline/jest where jest has a global expect.
// Nothing here imports shardline/vitest: vitest's expect.extend writes to the same global table of matchers as
// jest's (`$$jest-matchers-object`), which would register them for jest's expect too.
import { expect as jestExpect } from 'expect';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CASES, type RunnerExpect } from './matcher-cases.js';
import { runCase } from './run-case.js';

const hasMatchers = () => typeof (jestExpect(1) as unknown as { toHaveRecords?: unknown }).toHaveRecords === 'function';
const global = globalThis as { expect?: unknown };
const before = global.expect;
afterAll(() => {
  global.expect = before;
});

describe('importing shardline/jest', () => {
  it('without a global expect (jest with injectGlobals: false) registers nothing and does not throw', async () => {
    global.expect = undefined;
    vi.resetModules();
    const entry = await import('../../src/public/jest.js');
    expect(hasMatchers()).toBe(false);
    // Such a setup file registers the plain object itself.
    expect(Object.keys(entry.shardlineMatchers).sort()).toEqual([
      'toHaveBeenInvokedTimes',
      'toHaveBeenInvokedWith',
      'toHaveDiscarded',
      'toHaveNoMoreRecords',
      'toHaveRecords',
    ]);
  });

  it("registers the matchers with jest's global expect", async () => {
    global.expect = jestExpect;
    vi.resetModules();
    await import('../../src/public/jest.js');
    expect(hasMatchers()).toBe(true);
  });
});

describe("shardline's matchers on jest's expect", () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, { run, fails }) => {
    if (!hasMatchers()) jestExpect.extend((await import('../../src/public/jest.js')).shardlineMatchers);
    await runCase(run, jestExpect as unknown as RunnerExpect, fails);
  });
});
