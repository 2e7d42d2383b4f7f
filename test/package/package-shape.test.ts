/**
 * What `npm pack` ships. The build takes half a minute, so this does not build: it checks that tsup's outputs
 * are exactly the files package.json points to (no unused builds, no source maps), and runs `npm pack --dry-run`
 * on a copy of the manifest with those outputs stubbed, beside files that must stay out (src, maps).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Options } from 'tsup';
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
  const leaves = (value: unknown): string[] => (typeof value === 'string' ? [value] : Object.values(value as object).flatMap(leaves));
  const paths = [manifest.main, manifest.module, manifest.types, ...leaves(manifest.exports), ...Object.values(manifest.bin)];
  return [...new Set(paths.filter((path) => path !== './package.json').map((path) => path.replace(/^\.\//, '')))].sort();
}

describe('the package', () => {
  it('tsup builds exactly what package.json points to, without source maps', () => {
    expect(manifest.type).toBe('module');
    expect(referencedFiles()).toEqual(tsupOutputs());
    expect(referencedFiles()).toEqual(['dist/cli/shardline.js', 'dist/index.cjs', 'dist/index.d.cts', 'dist/index.d.ts', 'dist/index.js']);
    for (const config of [tsupConfig].flat() as Options[]) expect(config.sourcemap ?? false).toBe(false);
  });

  it('npm pack builds first (prepack), and the bin is shardline', () => {
    expect(manifest.scripts.prepack).toBe('npm run build');
    expect(manifest.scripts.build).toMatch(/&& tsup$/);
    expect(manifest.bin).toEqual({ shardline: './dist/cli/shardline.js' });
  });

  it('the SDK packages it only needs for types, or for a user\'s own client, are peers, and devDependencies for the tests', () => {
    expect(manifest.peerDependencies).toEqual({
      '@aws-sdk/client-dynamodb': expect.any(String),
      '@aws-sdk/client-dynamodb-streams': expect.any(String),
      '@smithy/types': expect.any(String),
    });
    expect(manifest.peerDependenciesMeta).toEqual({ '@aws-sdk/client-dynamodb-streams': { optional: true }, '@smithy/types': { optional: true } });
    for (const [name, range] of Object.entries(manifest.peerDependencies)) {
      expect(manifest.devDependencies[name]).toBe(range);
      expect(manifest.dependencies[name]).toBeUndefined();
    }
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@aws-sdk/util-dynamodb', '@types/aws-lambda', 'eventemitter3', 'xxhash-wasm']);
  });

  it('src loads no peer at run time, nor aws-lambda (types only): each is imported with `import type`', () => {
    const typesOnly = [...Object.keys(manifest.peerDependencies), 'aws-lambda'];
    const loads: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(LOADS)) {
        const loaded = match[2] ?? match[3]!;
        if (typesOnly.includes(loaded)) loads.push(`${file.slice(ROOT.length)}: ${match[0]}`);
      }
    }
    expect(loads).toEqual([]);
    // This guard is only as good as its pattern: it does see a value import, and passes a type import by.
    expect([..."import { AttributeValue } from 'x';\nimport type { A } from 'y';\nawait import('z');".matchAll(LOADS)].map((m) => m[2] ?? m[3])).toEqual(['x', 'z']);
  });

  describe('npm pack --dry-run, on the manifest with tsup\'s outputs stubbed', () => {
    const folder = mkdtempSync(join(tmpdir(), 'shardline-pack-'));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('lists the entry points, their types, LICENSE, README and CHANGELOG; no source, no source maps', () => {
      for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) copyFileSync(join(ROOT, file), join(folder, file));
      const outputs = tsupOutputs();
      const mustStayOut = ['dist/index.js.map', 'dist/cli/shardline.js.map', 'src/index.ts', 'test/cli/serve.test.ts', 'tsup.config.ts'];
      for (const file of [...outputs, ...mustStayOut]) {
        mkdirSync(join(folder, dirname(file)), { recursive: true });
        writeFileSync(join(folder, file), '\n');
      }
      // --ignore-scripts: prepack would build; the stubs stand in for the build.
      const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: folder, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      const [packed] = JSON.parse(output) as [{ files: { path: string }[] }];
      expect(packed.files.map((file) => file.path).sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', ...outputs, 'package.json'].sort());
    });
  });
});
