import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests never sleep: time is a ManualClock. A slow test is a bug, so the default timeout stays short.
    testTimeout: 20_000,
  },
});
