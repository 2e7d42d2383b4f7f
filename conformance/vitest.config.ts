import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The random sequences (random-*.test.ts) run last: they leave a few hundred DISABLED streams on DynamoDB Local
 * (a deleted table's stream stays listed), and `ListStreams` without a table name, which raw-wire.test.ts sends,
 * answers the first 100 of them only.
 */
class RandomLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isRandom = (file: TestSpecification) => /[\\/]random-[^\\/]*\.test\.ts$/.test(file.moduleId);
    return [...sorted.filter((file) => !isRandom(file)), ...sorted.filter(isRandom)];
  }
}

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
    sequence: { sequencer: RandomLast },
    // Real HTTP to a JVM, which warms up on the first calls.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
