import { defineConfig } from 'vitest/config';

/**
 * The differential conformance suite (`npm run conformance`): every scenario against DynamoDB Local and against
 * shardline, through the same AWS SDK code. Kept apart from `npm test` (whose include is `test/**`), because it
 * needs Java and a running DynamoDB Local: `scripts/with-ddb-local.sh` starts one and sets DDB_LOCAL_ENDPOINT.
 * With CONFORMANCE_DEBUG=<file>, a failing scenario also writes its differing steps there (scenario.ts).
 */
export default defineConfig({
  test: {
    include: ['conformance/**/*.test.ts'],
    // One DynamoDB Local instance serves every file: one file at a time keeps its counters and lists readable.
    fileParallelism: false,
    // Real HTTP to a JVM, which warms up on the first calls.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
