import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Runs every TypeScript code block (```ts or ```typescript) of README.md, docs/*.md, bench/README.md and
 * conformance/README.md, so a documented example cannot drift from the code. Each block becomes a module under
 * .tmp/doc-examples/ with `'shardline'` mapped to src/index.ts, and is imported here.
 *
 * A block may be preceded (directly, no blank line) by an HTML comment, invisible when the markdown renders:
 *
 *   <!-- doc-test: tables -->            the default: the block continues from the `clock`, `db` and `orders`
 *                                        table of the README's "Tables" (a ManualClock, seed 42, one stream).
 *   <!-- doc-test: alone -->             the block runs on its own (it declares what it uses).
 *   <!-- doc-test: tables given: CODE --> (or `alone given: CODE`) CODE runs before the block: it declares what
 *                                        the prose says the block assumes (a `checkpoint`, an old iterator, ...).
 *                                        `import` lines in CODE are hoisted to the module's top.
 *   <!-- doc-test: same-as PATH -->      the block is the file PATH of the repository, word for word (that file
 *                                        has its own test).
 *   <!-- doc-test: skip REASON -->       not run, for the REASON given (say, it needs a real AWS endpoint).
 *
 * A block with its own `import` lines and no directive is a whole program (`module`). Every name the package
 * exports is in scope; a block's own declarations shadow the prelude's. A block that calls `it(...)` or
 * `describe(...)` at its top level is imported while this file is collected, so its tests run as tests; any
 * other block runs inside one test, named for its file and line.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE = join(ROOT, 'src', 'index.ts');
const OUT = join(ROOT, '.tmp', 'doc-examples');

const TABLES_PRELUDE = `
const clock = new ManualClock(Date.UTC(2026, 0, 1));
const db = await Database.create({ clock, seed: 42 });
const orders = db.createTable({
  TableName: 'orders',
  KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }, { AttributeName: 'orderId', KeyType: 'RANGE' }],
  AttributeDefinitions: [{ AttributeName: 'customer', AttributeType: 'S' }, { AttributeName: 'orderId', AttributeType: 'N' }],
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
});
`;

type Mode = 'tables' | 'alone' | 'module' | 'same-as' | 'skip';

interface DocBlock {
  file: string;
  line: number;
  code: string;
  mode: Mode;
  argument: string;
}

function markdownFiles(): string[] {
  const files = ['README.md'];
  if (existsSync(join(ROOT, 'docs'))) {
    for (const name of readdirSync(join(ROOT, 'docs')).sort()) if (name.endsWith('.md')) files.push(`docs/${name}`);
  }
  for (const file of ['bench/README.md', 'conformance/README.md']) if (existsSync(join(ROOT, file))) files.push(file);
  return files;
}

function blocksOf(file: string): DocBlock[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    // The directive: the comment that ends on the line just above the fence.
    let above = start - 1;
    const comment: string[] = [];
    while (above >= 0 && lines[above]!.trim() !== '' && !lines[above]!.includes('<!--')) comment.unshift(lines[above--]!);
    if (above >= 0 && lines[above]!.includes('<!-- doc-test:')) comment.unshift(lines[above]!);
    const directive = /<!--\s*doc-test:\s*([\w-]+)\s*([\s\S]*?)\s*-->\s*$/.exec(comment.join('\n'));
    const code = body.join('\n');
    const ownImports = /^import /m.test(code);
    const mode = (directive?.[1] ?? (ownImports ? 'module' : 'tables')) as Mode;
    if (!['tables', 'alone', 'module', 'same-as', 'skip'].includes(mode)) throw new Error(`${file}:${start + 1}: unknown doc-test mode '${mode}'`);
    const argument = (directive?.[2] ?? '').replace(/^given:\s*/, '');
    blocks.push({ file, line: start + 1, code, mode, argument });
  }
  return blocks;
}

function rewriteImports(code: string): string {
  const target = JSON.stringify(pathToFileURL(SOURCE).href);
  return code.replace(/from '(shardline|\.\.\/src\/index\.js)'/g, `from ${target}`);
}

/** The module for a block: its imports (and the given's) on top, the package's names, then prelude, given, block. */
function moduleFor(block: DocBlock, exported: string[]): string {
  const source = rewriteImports(`${block.argument}\n${block.code}`);
  if (block.mode === 'module' && /^(it|describe)\(/m.test(block.code)) return rewriteImports(block.code);
  const imports: string[] = [];
  const rest: string[] = [];
  let inImport = false;
  for (const line of (block.mode === 'module' ? rewriteImports(block.code) : source).split('\n')) {
    if (line.startsWith('import ') || inImport) {
      imports.push(line);
      inImport = !line.trimEnd().endsWith(';');
    } else rest.push(line);
  }
  // The package's names as consts of the function: they shadow the block's own imports of them harmlessly.
  const ambient = `import * as shardlinePackage from ${JSON.stringify(pathToFileURL(SOURCE).href)};`;
  const names = `const { ${exported.join(', ')} } = shardlinePackage;`;
  const prelude = block.mode === 'tables' ? TABLES_PRELUDE : '';
  return [...imports, ambient, 'export default async function run(): Promise<void> {', names, prelude, '{', ...rest, '}', '}', ''].join('\n');
}

const exported = Object.keys(await import(pathToFileURL(SOURCE).href)).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

for (const file of markdownFiles()) {
  const blocks = blocksOf(file);
  describe(file, () => {
    it('gives a reason for every block it skips', () => {
      for (const block of blocks) if (block.mode === 'skip') expect(block.argument, `${file}:${block.line}`).not.toBe('');
    });
  });
  for (const block of blocks) {
    const name = `${file}:${block.line}`;
    if (block.mode === 'skip') continue;
    if (block.mode === 'same-as') {
      describe(file, () => {
        it(`${name} is ${block.argument}, word for word`, () => {
          expect(`${block.code}\n`).toBe(readFileSync(join(ROOT, block.argument), 'utf8'));
        });
      });
      continue;
    }
    const path = join(OUT, `${file.replace(/[/.]/g, '-')}-${block.line}.ts`);
    writeFileSync(path, moduleFor(block, exported));
    if (block.mode === 'module' && /^(it|describe)\(/m.test(block.code)) {
      // Its own tests register here, while this file is collected.
      await describe(name, async () => {
        await import(pathToFileURL(path).href);
      });
    } else {
      describe(file, () => {
        it(`${name} runs`, async () => {
          const { default: run } = (await import(pathToFileURL(path).href)) as { default: () => Promise<void> };
          await run();
        });
      });
    }
  }
}
