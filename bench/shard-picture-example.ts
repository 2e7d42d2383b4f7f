/**
 * Writes docs/shard-picture-example.svg and docs/shard-picture-example.txt, the pictures of the seeded scenario in
 * bench/shard-picture-scenario.ts (test/stream/shard-picture.test.ts checks the committed files byte for byte):
 *
 *   npx tsx bench/shard-picture-example.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_SVG_OPTIONS, EXAMPLE_TEXT_OPTIONS, shardPictureScenario } from './shard-picture-scenario.js';

const docs = (name: string): string => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));
const { db, stream } = await shardPictureScenario();
writeFileSync(docs('shard-picture-example.svg'), stream.toSvg(EXAMPLE_SVG_OPTIONS));
writeFileSync(docs('shard-picture-example.txt'), stream.toText(EXAMPLE_TEXT_OPTIONS));
db.close();
console.log('wrote docs/shard-picture-example.svg and docs/shard-picture-example.txt');
