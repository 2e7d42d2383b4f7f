import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Runs every TypeScript code block (```ts or ```typescript) of README.md, docs/*.md, bench/README.md and
 * conformance/README.md, and type-checks it, so a documented example cannot drift from the code. Each block becomes
 * a module under .tmp/doc-examples/ with `'shardline'` and its subpaths (`'shardline/wire'`, ...) mapped to their
 * source entries, and is imported here.
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
 *                                        has its own test, and tsc checks it).
 *   <!-- doc-test: skip REASON -->       not run, for the REASON given (say, it needs a real AWS endpoint).
 *
 * A block with its own `import` lines and no directive is a whole program (`module`). Every name the package and
 * its subpaths export is in scope; a block's own declarations shadow them. A block that calls `it(...)` or
 * `describe(...)` at its top level is imported while this file is collected, so its tests run as tests; any other
 * block runs inside one test, named for its file and line.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, '.tmp', 'doc-examples');
/** What a block imports as `shardline` or a subpath, and the source file it stands for (package.json "exports"). */
const ENTRIES: Record<string, string> = {
  shardline: 'src/index.ts',
  'shardline/wire': 'src/public/wire.ts',
  'shardline/reader': 'src/public/reader.ts',
  'shardline/lambda': 'src/public/lambda.ts',
  // shardline/jest exports the same names: only one of the two can be in every block's scope.
  'shardline/vitest': 'src/public/vitest.ts',
};
/** An entry as a module of OUT imports it: a relative path, which vitest and the TypeScript compiler both resolve. */
const specifierFor = (entry: string) => `'../../${ENTRIES[entry]!.replace(/\.ts$/, '.js')}'`;

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
    while (above >= 0 && lines[above]!.trim() !== '' && !lines[above]!.includes('<!--'))
      comment.unshift(lines[above--]!);
    if (above >= 0 && lines[above]!.includes('<!-- doc-test:')) comment.unshift(lines[above]!);
    const directive = /<!--\s*doc-test:\s*([\w-]+)\s*([\s\S]*?)\s*-->\s*$/.exec(comment.join('\n'));
    const code = body.join('\n');
    const ownImports = /^import /m.test(code);
    const mode = (directive?.[1] ?? (ownImports ? 'module' : 'tables')) as Mode;
    if (!['tables', 'alone', 'module', 'same-as', 'skip'].includes(mode))
      throw new Error(`${file}:${start + 1}: unknown doc-test mode '${mode}'`);
    const argument = (directive?.[2] ?? '').replace(/^given:\s*/, '');
    blocks.push({ file, line: start + 1, code, mode, argument });
  }
  return blocks;
}

/** A line of a generated module, and the markdown line it comes from (undefined for the test's own lines). */
interface Line {
  text: string;
  from?: string;
}

/** `shardline` and its subpaths as the modules of OUT import them (`import 'shardline/vitest'` too). */
function rewriteImports(code: string): string {
  return code.replace(
    /(from |^import )'(shardline(?:\/\w+)?|\.\.\/src\/index\.js)'/gm,
    (whole, keyword: string, entry: string) =>
      entry === '../src/index.js'
        ? `${keyword}${specifierFor('shardline')}`
        : entry in ENTRIES
          ? `${keyword}${specifierFor(entry)}`
          : whole,
  );
}

/** The names an import statement binds. */
function boundBy(statement: string): string[] {
  const names: string[] = [];
  const braces = /\{([^}]*)\}/.exec(statement)?.[1];
  if (braces)
    for (const part of braces.split(','))
      names.push(
        part
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  const single = /^import\s+(?:type\s+)?(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s*(?:,|from)/.exec(statement)?.[1];
  if (single) names.push(single);
  return names.filter((name) => name !== '');
}

/**
 * The module for a block: its imports (and the given's) on top, then every name of the package and its subpaths
 * the block does not import itself, then prelude, given and block, inside a function (so the block's own
 * declarations shadow the package's names). A block that declares tests is kept at the top level.
 */
function moduleFor(block: DocBlock, exported: Map<string, string[]>): Line[] {
  const at = (index: number) => `${block.file}:${block.line + 1 + index}`;
  const given: Line[] =
    block.argument === ''
      ? []
      : block.argument.split('\n').map((text) => ({ text, from: `${block.file}:${block.line - 1}` }));
  const code: Line[] = block.code.split('\n').map((text, index) => ({ text, from: at(index) }));
  const imports: Line[] = [];
  const rest: Line[] = [];
  const own = new Set<string>();
  let statement = '';
  for (const line of [...given, ...code]) {
    if (line.text.startsWith('import ') || statement !== '') {
      imports.push({ ...line, text: rewriteImports(line.text) });
      statement += `${line.text}\n`;
      if (!line.text.trimEnd().endsWith(';')) continue;
      for (const name of boundBy(statement.replace(/\s+/g, ' '))) own.add(name);
      statement = '';
    } else rest.push(line);
  }
  const ambient: Line[] = [];
  for (const [entry, names] of exported) {
    const wanted = names.filter((name) => !own.has(name));
    if (wanted.length > 0) ambient.push({ text: `import { ${wanted.join(', ')} } from ${specifierFor(entry)};` });
  }
  const lines = (texts: string) => texts.split('\n').map((text) => ({ text }));
  if (block.mode === 'module' && /^(it|describe)\(/m.test(block.code)) return [...imports, ...ambient, ...rest];
  const prelude = block.mode === 'tables' ? lines(TABLES_PRELUDE) : [];
  return [
    ...imports,
    ...ambient,
    { text: 'export default async function run(): Promise<void> {' },
    ...prelude,
    { text: '{' },
    ...rest,
    { text: '}' },
    { text: '}' },
    { text: '' },
  ];
}

/** The compiler options of the repository's tsconfig.json. */
function compilerOptions(): ts.CompilerOptions {
  const file = join(ROOT, 'tsconfig.json');
  const { config } = ts.readConfigFile(file, ts.sys.readFile) as { config: unknown };
  return { ...ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, file).options, noEmit: true };
}

/** Every name (value or type) each entry exports, as the compiler sees it; `program` is reused for the blocks. */
function exportsOf(): { exported: Map<string, string[]>; program: ts.Program } {
  const files = Object.values(ENTRIES).map((file) => join(ROOT, file));
  const program = ts.createProgram(files, compilerOptions());
  const checker = program.getTypeChecker();
  const exported = new Map<string, string[]>();
  for (const [entry, file] of Object.entries(ENTRIES)) {
    const symbol = checker.getSymbolAtLocation(program.getSourceFile(join(ROOT, file))!)!;
    exported.set(
      entry,
      checker
        .getExportsOfModule(symbol)
        .map((name) => name.name)
        .sort(),
    );
  }
  return { exported, program };
}

const { exported, program: entriesProgram } = exportsOf();
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
afterAll(() => rmSync(OUT, { recursive: true, force: true }));
/** Each generated module, with the markdown line of each of its lines. */
const generated = new Map<string, { block: DocBlock; lines: Line[] }>();

for (const file of markdownFiles()) {
  const blocks = blocksOf(file);
  describe(file, () => {
    it('gives a reason for every block it skips', () => {
      for (const block of blocks)
        if (block.mode === 'skip') expect(block.argument, `${file}:${block.line}`).not.toBe('');
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
    const lines = moduleFor(block, exported);
    generated.set(path, { block, lines });
    writeFileSync(path, lines.map((line) => line.text).join('\n'));
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

describe('every block that runs', () => {
  // Vitest strips types without checking them: the compiler checks each block as the repository's code is checked.
  it("type-checks, with the repository's compiler options (an error names the block's markdown line)", () => {
    const program = ts.createProgram([...generated.keys()], compilerOptions(), undefined, entriesProgram);
    const errors: string[] = [];
    for (const [path, { block, lines }] of generated) {
      const source = program.getSourceFile(path)!;
      for (const diagnostic of [
        ...program.getSyntacticDiagnostics(source),
        ...program.getSemanticDiagnostics(source),
      ]) {
        const line = diagnostic.start === undefined ? 0 : source.getLineAndCharacterOfPosition(diagnostic.start).line;
        const where = lines[line]?.from ?? `${block.file}:${block.line} (generated line ${line + 1})`;
        errors.push(`${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
      }
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
