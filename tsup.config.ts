import { defineConfig } from 'tsup';

// The package root and its subpaths (package.json "exports"): each is built as ESM and CommonJS, with types.
const entries = {
  index: 'src/index.ts',
  wire: 'src/public/wire.ts',
  reader: 'src/public/reader.ts',
  lambda: 'src/public/lambda.ts',
  jest: 'src/public/jest.ts',
};
// ESM only: vitest cannot be require()d (its CommonJS entry throws), so neither can what registers with it.
const esmOnly = { vitest: 'src/public/vitest.ts' };

// The two builds run at once, so neither cleans dist (one would delete the other's files): `npm run build` empties it.
// What `npm pack` ships (package.json "files": dist): no source maps, and only builds that package.json points to.
export default defineConfig([
  {
    // The library as ESM, and the `shardline` bin (package.json "bin": dist/cli/shardline.js; its hashbang is
    // kept). One build, so that the bin shares the library's chunks rather than holding a second copy.
    entry: { ...entries, ...esmOnly, 'cli/shardline': 'src/cli/shardline.ts' },
    format: ['esm'],
    dts: { entry: { ...entries, ...esmOnly } },
    target: 'node20',
  },
  {
    // The library for require(): the bin needs no CommonJS build. Split into shared chunks, as ESM is, so that a
    // class is one class across subpaths (an error thrown by the root is an instance of what shardline/wire checks).
    entry: entries,
    format: ['cjs'],
    splitting: true,
    dts: { entry: entries },
    target: 'node20',
  },
]);
