import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests never sleep: time is a ManualClock. A slow test is a bug, so the default timeout stays short.
    testTimeout: 20_000,
    // The AWS SDK warns once per process that its 2027 releases need Node 22; the lock file pins releases that
    // run on Node 20, so the warning is only noise in every suite that creates a client.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
