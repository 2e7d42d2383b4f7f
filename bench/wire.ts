/**
 * `npm run bench:wire`: the two benchmarks that compare the in-process SDK path with DynamoDB Local over HTTP
 * (PutItem, and an expression UpdateItem), in one table. DynamoDB Local's endpoint comes from DDB_LOCAL_ENDPOINT
 * (scripts/with-ddb-local.sh sets it) or --ddb-local URL.
 *
 *   npm run bench:wire
 */
import { formatTable, isMain, note } from './harness.js';
import { run as runPutItem } from './wire-put-item.js';
import { run as runUpdateItem } from './wire-update-item.js';

async function main(): Promise<void> {
  note('wire-put-item ...');
  const figures = await runPutItem();
  note('wire-update-item ...');
  figures.push(...(await runUpdateItem()));
  process.stdout.write(formatTable(figures) + '\n');
}

if (isMain(import.meta.url))
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
