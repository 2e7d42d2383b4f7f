/**
 * `npm run demo` (examples/quickstart.ts) end to end: its sections, and the shard picture it adds at the end, the
 * SVG written to the file it names and the text printed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'shardline-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function demo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['examples/quickstart.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run demo', () => {
  it('tells its story, then writes the SVG of its stream to the file it names and prints the text picture', async () => {
    const svgPath = join(dir, 'shards.svg');
    const { code, stdout, stderr } = await demo([svgPath]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    for (const heading of [
      '1. A table with a NEW_AND_OLD_IMAGES stream',
      '2. Four writes, three records',
      '3. Split the shard; new writes land in the children',
      '4. Jump 25 hours: rollovers, trimming, expiry',
      '5. A picture of the shards',
    ])
      expect(stdout).toContain(`\n${heading}\n`);
    expect(stdout).toContain(`SVG                  ${svgPath} (open it in a browser`);
    const svg = readFileSync(svgPath, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // Every shard of the text picture's table is drawn in the SVG, the expired root included.
    const ids = [...stdout.matchAll(/^[A-Z]+ +(shardId-\d{20}-[0-9a-f]{8}) /gm)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(10);
    expect(stdout).toMatch(/^A +shardId-\S+ +0000…–ffff… +expired /m);
    for (const id of ids) expect(svg).toContain(`data-shard-id="${id}"`);
  });
});
