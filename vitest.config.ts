import { defineConfig } from 'vitest/config';

// The AWS SDK warns once per process that its 2027 releases need Node 22; the lock file pins releases that run on
// Node 20, so the warning is only noise in every suite that creates a client.
const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

export default defineConfig({
  test: {
    // Tests never sleep: time is a ManualClock. A slow test is a bug, so the default timeout stays short.
    testTimeout: 20_000,
    projects: [
      { extends: true, test: { name: 'shardline', include: ['test/**/*.test.ts'], env } },
      {
        // The SDK suites again, with inProcessPlugin(db) on every client they build (test/support/sdk-clients.ts, sdkMode):
        // the plugin promises the same outputs and errors as the whole SDK stack, so every assertion must hold.
        extends: true,
        test: {
          name: 'sdk-plugin',
          include: ['test/wire/**/*.test.ts', 'test/reader-sdk/**/*.test.ts'],
          // These two reach shardline over HTTP (a socket, the aws CLI), not through an SDK client of the suites.
          exclude: ['test/wire/http-server.test.ts', 'test/wire/aws-cli.test.ts'],
          env: { ...env, SHARDLINE_SDK_MODE: 'plugin' },
        },
      },
    ],
  },
});
