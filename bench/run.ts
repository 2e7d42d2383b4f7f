/**
 * Runs every benchmark, each in its own node process (so one's heap and JIT state cannot skew another's),
 * and prints one table, or with `--json` one JSON line per figure:
 *   {"name", "value", "unit"} plus "baseline" and "ratio" where compared, "target" and "met" where targeted.
 *
 *   npm run bench              # table
 *   npm run bench -- --json    # JSON lines
 *   npm run bench -- --svg     # also rewrite docs/hash-distribution.svg (passed to every benchmark; only
 *                              # hash-distribution uses it)
 *
 * Progress and per-round timings go to stderr.
 */
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatTable, note, now, parseFigures, printFigures, runChild, wantsJson, type Figure } from './harness.js';

const BENCHMARKS = [
  'write-throughput',
  'write-cost-vs-retained',
  'get-records',
  'heap-per-record',
  'hash-distribution',
  'reader-throughput',
  'shard-discovery',
  // Query of one partition between writes (the partition index).
  'query-after-writes',
  // UpdateItem and conditional PutItem expressions beside plain puts; Query by expression vs table size (issue 11).
  'expressions',
  // PutItem through the AWS SDK; beside DynamoDB Local when DDB_LOCAL_ENDPOINT names one (npm run bench:wire).
  'wire-put-item',
  // An expression UpdateItem through the AWS SDK in process; beside DynamoDB Local likewise (issue 11).
  'wire-update-item',
  // PutItem over HTTP (listen(db)) beside a bare node:http server, and the hostile 700,000-attribute PutItem (issue 9).
  'http-put-item',
  // A Lambda event source mapping delivering 1M records, beside the raw reader (issue 5).
  'lambda-throughput',
  // PutItem with two GSIs beside none, a GSI page vs table size, heap per item per ALL GSI (issue 12).
  'secondary-indexes',
  // PutItem with TTL enabled beside disabled; a sweep of 100,000 expired among 1,000,000 vs 200,000 (issue 13).
  'time-to-live',
];

/** Flags passed through to every benchmark (besides --json, which run.ts always asks for). */
const PASSED_FLAGS = ['--svg'];

async function main(): Promise<void> {
  const json = wantsJson();
  const started = now();
  const figures: Figure[] = [];
  for (const name of BENCHMARKS) {
    const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
    const start = now();
    note(`${name} ...`);
    const out = await runChild(file, ['--json', ...process.argv.filter((arg) => PASSED_FLAGS.includes(arg))]);
    const found = parseFigures(out);
    if (found.length === 0) throw new Error(`${name} reported no figures`);
    figures.push(...found);
    note(`${name}: ${((now() - start) / 1000).toFixed(1)} s`);
    // Stream JSON lines as each benchmark finishes.
    if (json) printFigures(found, true);
  }
  const seconds = (now() - started) / 1000;
  if (json) return;
  const cpu = cpus();
  process.stdout.write(
    `\nshardline benchmarks: node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, ${seconds.toFixed(0)} s\n\n`,
  );
  process.stdout.write(formatTable(figures) + '\n');
  const targeted = figures.filter((figure) => figure.met !== undefined);
  const missed = targeted.filter((figure) => figure.met === false);
  process.stdout.write(
    `\ntargets: ${targeted.length - missed.length} of ${targeted.length} met${missed.length > 0 ? `; missed: ${missed.map((f) => f.name).join('; ')}` : ''}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
