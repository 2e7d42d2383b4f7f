/**
 * What `npm pack` ships. The full build (with types) takes half a minute, so this checks that tsup's outputs are
 * exactly the files package.json points to (no unused builds, no source maps), and runs `npm pack --dry-run` on a
 * copy of the manifest with those outputs stubbed, beside files that must stay out (src, maps). It builds the
 * JavaScript alone (seconds) and loads the package root and each subpath from that build, by name.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Options } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import tsupConfig from '../../tsup.config.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Manifest {
  type: string;
  main: string;
  module: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, unknown>;
  typesVersions: Record<string, Record<string, string[]>>;
  files: string[];
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  devDependencies: Record<string, string>;
}
/** A value import or re-export (not `import type`), a dynamic import or a require: group 2 or 3 is what it loads. */
const LOADS = /^(import|export)\b(?!\s+type\b)[^;]*?\bfrom\s+'([^']+)'|\b(?:import|require)\(\s*'([^']+)'/gm;

/** Every .ts file under a folder. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(folder, name));
}

/** What a built file loads: `from '...'` or a bare `import '...'` (ESM), `require('...')` (CommonJS). */
const BUILT_LOADS = /(?:\bfrom\s*|^import\s*)['"]([^'"]+)['"]|\brequire\(['"]([^'"]+)['"]\)/gm;

/**
 * The test runners, optional peers of their own subpaths (shardline/vitest, shardline/jest), with the versions whose
 * matcher API the matchers use. The suite runs on vitest and on jest's `expect` (devDependencies), not on jest.
 */
const RUNNER_PEERS = { jest: '>=29', vitest: '>=2' };
/** The subpath files that may load a peer at run time, and which: each runner's subpath registers with its expect. */
const LOADS_A_PEER: Record<string, string[]> = { 'src/public/vitest.ts': ['vitest'] };

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

/** Every file tsup writes for an entry point (shared chunks aside), as `dist/...` paths. */
function tsupOutputs(): string[] {
  const configs = (Array.isArray(tsupConfig) ? tsupConfig : [tsupConfig]) as Options[];
  const outputs: string[] = [];
  for (const config of configs) {
    const formats = [config.format].flat();
    const names = Object.keys(config.entry as Record<string, string>);
    const typed = typeof config.dts === 'object' ? Object.keys(config.dts.entry as Record<string, string>) : [];
    for (const format of formats) {
      // "type": "module": ESM is .js, CommonJS .cjs; their declarations .d.ts and .d.cts.
      const [js, dts] = format === 'esm' ? ['.js', '.d.ts'] : ['.cjs', '.d.cts'];
      outputs.push(...names.map((name) => `dist/${name}${js}`), ...typed.map((name) => `dist/${name}${dts}`));
    }
  }
  return outputs.sort();
}

/** The files package.json points to: main, module, types, every export condition, every bin. */
function referencedFiles(): string[] {
  const leaves = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : Object.values(value as object).flatMap(leaves);
  // typesVersions: the subpaths' types for TypeScript's older "node" resolution, which does not read "exports".
  const paths = [
    manifest.main,
    manifest.module,
    manifest.types,
    ...leaves(manifest.exports),
    ...leaves(manifest.typesVersions),
    ...Object.values(manifest.bin),
  ];
  return [
    ...new Set(paths.filter((path) => path !== './package.json').map((path) => path.replace(/^\.\//, ''))),
  ].sort();
}

describe('the package', () => {
  it('tsup builds exactly what package.json points to, without source maps', () => {
    expect(manifest.type).toBe('module');
    expect(referencedFiles()).toEqual(tsupOutputs());
    const entry = (name: string) => [`dist/${name}.cjs`, `dist/${name}.d.cts`, `dist/${name}.d.ts`, `dist/${name}.js`];
    expect(referencedFiles()).toEqual([
      'dist/cli/shardline.js',
      ...entry('index'),
      ...entry('jest'),
      ...entry('lambda'),
      ...entry('reader'),
      'dist/vitest.d.ts',
      'dist/vitest.js',
      ...entry('wire'),
    ]);
    expect(Object.keys(manifest.exports)).toEqual([
      '.',
      './wire',
      './reader',
      './lambda',
      './vitest',
      './jest',
      './package.json',
    ]);
    expect(manifest.typesVersions).toEqual({
      '*': {
        wire: ['./dist/wire.d.ts'],
        reader: ['./dist/reader.d.ts'],
        lambda: ['./dist/lambda.d.ts'],
        vitest: ['./dist/vitest.d.ts'],
        jest: ['./dist/jest.d.ts'],
      },
    });
    for (const config of [tsupConfig].flat() as Options[]) expect(config.sourcemap ?? false).toBe(false);
  });

  it('npm pack builds first (prepack), and the bin is shardline', () => {
    expect(manifest.scripts.prepack).toBe('npm run build');
    expect(manifest.scripts.build).toMatch(/&& tsup$/);
    expect(manifest.bin).toEqual({ shardline: './dist/cli/shardline.js' });
  });

  it("the SDK packages it only needs for types, or for a user's own client, are peers, and devDependencies for the tests", () => {
    expect(manifest.peerDependencies).toEqual({
      '@aws-sdk/client-dynamodb': expect.any(String),
      '@aws-sdk/client-dynamodb-streams': expect.any(String),
      '@smithy/types': expect.any(String),
      ...RUNNER_PEERS,
    });
    expect(manifest.peerDependenciesMeta).toEqual({
      '@aws-sdk/client-dynamodb-streams': { optional: true },
      '@smithy/types': { optional: true },
      jest: { optional: true },
      vitest: { optional: true },
    });
    for (const [name, range] of Object.entries(manifest.peerDependencies)) {
      expect(manifest.dependencies[name]).toBeUndefined();
      if (!(name in RUNNER_PEERS)) expect(manifest.devDependencies[name]).toBe(range);
    }
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      '@aws-sdk/util-dynamodb',
      '@types/aws-lambda',
      'eventemitter3',
      'xxhash-wasm',
    ]);
  });

  it('src loads no peer at run time (but shardline/vitest, vitest), nor aws-lambda or expect (types only)', () => {
    const typesOnly = [...Object.keys(manifest.peerDependencies), 'aws-lambda', 'expect'];
    const loads: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      const allowed = LOADS_A_PEER[file.slice(ROOT.length).replaceAll('\\', '/')] ?? [];
      for (const match of text.matchAll(LOADS)) {
        const loaded = match[2] ?? match[3]!;
        // The CLI may import the SDK on demand (`shardline shards` against AWS): the library never loads it.
        const cliOnDemand =
          match[3] !== undefined && file.slice(ROOT.length).replaceAll('\\', '/').startsWith('src/cli/');
        if (typesOnly.includes(loaded) && !allowed.includes(loaded) && !cliOnDemand)
          loads.push(`${file.slice(ROOT.length)}: ${match[0]}`);
      }
    }
    expect(loads).toEqual([]);
    // This guard is only as good as its pattern: it does see a value import, and passes a type import by.
    expect(
      [..."import { AttributeValue } from 'x';\nimport type { A } from 'y';\nawait import('z');".matchAll(LOADS)].map(
        (m) => m[2] ?? m[3],
      ),
    ).toEqual(['x', 'z']);
  });

  describe('the package root and each subpath, built and loaded by name from a node_modules layout', () => {
    // Outside the repository, where `shardline` can only resolve to node_modules/shardline (inside, node would
    // resolve it to the repository's own package.json); the dependencies are links to the repository's.
    const layout = mkdtempSync(join(tmpdir(), 'shardline-layout-'));
    const installed = join(layout, 'node_modules', 'shardline');
    afterAll(() => rmSync(layout, { recursive: true, force: true }));
    /** Each entry of package.json "exports" (the first test pins that tsup builds exactly these). */
    const subpaths = Object.keys(manifest.exports)
      .filter((subpath) => subpath !== './package.json')
      .map((subpath) => ({
        specifier: subpath === '.' ? 'shardline' : `shardline/${subpath.slice(2)}`,
        name: subpath === '.' ? 'index' : subpath.slice(2),
        required: 'require' in (manifest.exports[subpath] as object),
      }));
    const configs = [tsupConfig].flat() as Options[];
    const sources = Object.fromEntries(
      configs.flatMap((config) => Object.entries(config.entry as Record<string, string>)),
    );

    /** Runs a script with node in the layout (where `shardline` resolves to the build) and parses what it prints. */
    function runNode(file: string, code: string): unknown {
      writeFileSync(join(layout, file), code);
      return JSON.parse(
        execFileSync(process.execPath, [join(layout, file)], { cwd: layout, encoding: 'utf8' }),
      ) as unknown;
    }

    it('every entry builds as ESM and CommonJS, and import and require see the names its source exports', async () => {
      mkdirSync(installed, { recursive: true });
      copyFileSync(join(ROOT, 'package.json'), join(installed, 'package.json'));
      const installedHere = (name: string) => existsSync(join(ROOT, 'node_modules', name));
      for (const name of [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)]) {
        if (!installedHere(name)) continue; // jest: an optional peer the suite does not install
        mkdirSync(dirname(join(layout, 'node_modules', name)), { recursive: true });
        symlinkSync(join(ROOT, 'node_modules', name), join(layout, 'node_modules', name));
      }
      // Without types, which take most of the build's time: tsc checks the sources they come from.
      for (const config of configs) {
        const entry = Object.fromEntries(
          Object.entries(config.entry as Record<string, string>).map(([name, path]) => [name, join(ROOT, path)]),
        );
        await build({ ...config, entry, dts: false, config: false, silent: true, outDir: join(installed, 'dist') });
      }
      const expected: Record<string, string[]> = {};
      for (const { specifier, name } of subpaths) {
        expected[specifier] = Object.keys(
          (await import(pathToFileURL(join(ROOT, sources[name]!)).href)) as object,
        ).sort();
        expect(expected[specifier]!.length, specifier).toBeGreaterThan(0);
      }
      const specifiers = JSON.stringify(subpaths.map(({ specifier }) => specifier));
      const required = subpaths.filter((subpath) => subpath.required).map(({ specifier }) => specifier);
      const viaImport = runNode(
        'names.mjs',
        `const out = {}; for (const s of ${specifiers}) out[s] = Object.keys(await import(s)).sort(); console.log(JSON.stringify(out));`,
      );
      const viaRequire = runNode(
        'names.cjs',
        `const out = {}; for (const s of ${JSON.stringify(required)}) out[s] = Object.keys(require(s)).sort(); console.log(JSON.stringify(out));`,
      );
      expect(viaImport).toEqual(expected);
      expect(viaRequire).toEqual(Object.fromEntries(required.map((specifier) => [specifier, expected[specifier]])));
      // shardline/vitest only for import (vitest cannot be required); every other entry for both.
      expect(subpaths.filter((subpath) => !subpath.required).map(({ specifier }) => specifier)).toEqual([
        'shardline/vitest',
      ]);
      // The two runners' subpaths are alternatives with the same names; otherwise one name, one place: no value
      // is exported by two entries.
      expect(expected['shardline/jest']).toEqual(expected['shardline/vitest']);
      const all = Object.entries(expected)
        .filter(([specifier]) => specifier !== 'shardline/jest')
        .flatMap(([, names]) => names);
      expect(all.filter((name, index) => all.indexOf(name) !== index)).toEqual([]);
    }, 60_000);

    /** The packages a built file loads, through the shared chunks it loads. */
    function packagesLoadedBy(file: string, seen = new Set<string>()): Set<string> {
      const packages = new Set<string>();
      if (seen.has(file)) return packages;
      seen.add(file);
      for (const match of readFileSync(file, 'utf8').matchAll(BUILT_LOADS)) {
        const loaded = match[1] ?? match[2]!;
        if (loaded.startsWith('.')) {
          for (const name of packagesLoadedBy(join(dirname(file), loaded), seen)) packages.add(name);
        } else packages.add(loaded);
      }
      return packages;
    }

    it("each runner's subpath loads its own runner at most, never the other's", () => {
      const runners = (file: string) =>
        [...packagesLoadedBy(join(installed, 'dist', file))].filter((name) =>
          /^(vitest|jest|expect|@jest\/)/.test(name),
        );
      expect(runners('vitest.js')).toEqual(['vitest']);
      expect(runners('jest.js')).toEqual([]);
      expect(runners('jest.cjs')).toEqual([]);
      // The pattern sees both module systems' loads.
      expect(
        [..."import { a } from './x.js';\nimport 'vitest';\nconst b = require('./y.cjs');".matchAll(BUILT_LOADS)].map(
          (m) => m[1] ?? m[2],
        ),
      ).toEqual(['./x.js', 'vitest', './y.cjs']);
    });

    it("importing the built shardline/vitest registers the matchers with vitest's expect, and shardline/jest with a global expect", () => {
      symlinkSync(join(ROOT, 'node_modules', 'expect'), join(layout, 'node_modules', 'expect'));
      const has = 'typeof expect(1).toHaveRecords === "function" && typeof expect(1).toHaveDiscarded === "function"';
      expect(
        runNode(
          'vitest-registers.mjs',
          `import { expect } from 'vitest'; await import('shardline/vitest'); console.log(${has});`,
        ),
      ).toBe(true);
      expect(
        runNode(
          'jest-registers.cjs',
          `globalThis.expect = require('expect').expect; require('shardline/jest'); console.log(${has});`,
        ),
      ).toBe(true);
    });

    // Unless split into shared chunks, a CommonJS entry bundles its own copy of every module: shardline/wire would
    // hold its own error classes, and an error the root's Database throws would not be one of its DynamoDBErrors.
    it("a class is one class across the root and a subpath, in CommonJS as in ESM: an engine error reaches the wire as AWS's", () => {
      const program = (load: (specifier: string) => string) => `
        const { Database, ManualClock } = ${load('shardline')};
        const { createAwsHandler } = ${load('shardline/wire')};
        const db = await Database.create({ clock: new ManualClock(), seed: 1 });
        const headers = { 'x-amz-target': 'DynamoDB_20120810.DescribeTable', 'content-type': 'application/x-amz-json-1.0' };
        const request = { method: 'POST', protocol: 'http:', hostname: 'localhost', path: '/', query: {}, headers, body: '{"TableName":"absent"}' };
        const { response } = await createAwsHandler(db).handle(request);
        console.log(JSON.stringify({ status: response.statusCode, type: JSON.parse(Buffer.from(response.body).toString()).__type }));`;
      const answer = { status: 400, type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException' };
      expect(
        runNode(
          'classes.mjs',
          program((specifier) => `await import('${specifier}')`),
        ),
      ).toEqual(answer);
      expect(
        runNode('classes.cjs', `(async () => { ${program((specifier) => `require('${specifier}')`)} })();`),
      ).toEqual(answer);
    });
  });

  describe("npm pack --dry-run, on the manifest with tsup's outputs stubbed", () => {
    const folder = mkdtempSync(join(tmpdir(), 'shardline-pack-'));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    const docs = readdirSync(join(ROOT, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`);
    // The one picture a docs page shows (docs/shard-picture.md), shipped with it.
    const pictures = ['docs/shard-picture-example.svg'];

    it('lists the entry points, their types, the docs pages, LICENSE, README and CHANGELOG; no source, no source maps', () => {
      mkdirSync(join(folder, 'docs'));
      for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', ...docs, ...pictures])
        copyFileSync(join(ROOT, file), join(folder, file));
      const outputs = tsupOutputs();
      const mustStayOut = [
        'dist/index.js.map',
        'dist/cli/shardline.js.map',
        'src/index.ts',
        'test/cli/serve.test.ts',
        'tsup.config.ts',
        'docs/hash-distribution.svg',
      ];
      for (const file of [...outputs, ...mustStayOut]) {
        mkdirSync(join(folder, dirname(file)), { recursive: true });
        writeFileSync(join(folder, file), '\n');
      }
      // --ignore-scripts: prepack would build; the stubs stand in for the build.
      const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: folder,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const [packed] = JSON.parse(output) as [{ files: { path: string }[] }];
      expect(packed.files.map((file) => file.path).sort()).toEqual(
        ['CHANGELOG.md', 'LICENSE', 'README.md', ...docs, ...pictures, ...outputs, 'package.json'].sort(),
      );
    });

    // npmjs.com resolves a README's relative links against package.json "repository", which the package does not
    // name yet; the docs ship, so the links work where the package is installed or browsed (and on npmjs.com once
    // "repository" is set). Links into conformance/ and bench/ are to the repository's development tools.
    it('every relative link of README.md and the docs pages reaches a file the package ships', () => {
      const shipped = new Set(['README.md', 'LICENSE', 'CHANGELOG.md', ...docs, ...pictures]);
      const broken: string[] = [];
      for (const page of ['README.md', ...docs]) {
        for (const [, target] of readFileSync(join(ROOT, page), 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
          if (/^[a-z]+:/.test(target!)) continue;
          const path = join(dirname(page), target!).replaceAll('\\', '/');
          if (!shipped.has(path) && !/^(conformance|bench)\//.test(path)) broken.push(`${page}: ${target}`);
        }
      }
      expect(broken).toEqual([]);
      expect(docs.length).toBeGreaterThan(5);
    });
  });
});
