import { describe, expect, it } from 'vitest';
import '../../src/public/vitest.js';
import { CASES, type RunnerExpect } from './matcher-cases.js';
import { runCase } from './run-case.js';

describe("shardline's matchers, registered by importing shardline/vitest, on vitest's expect", () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, { run, fails }) => {
    await runCase(run, expect as unknown as RunnerExpect, fails);
  });
});
