import { defineConfig } from 'tsup';

// The two builds run at once, so neither cleans dist (one would delete the other's files): `npm run build` empties it.
// What `npm pack` ships (package.json "files": dist): no source maps, and only builds that package.json points to.
export default defineConfig([
  {
    // The library as ESM, and the `shardline` bin (package.json "bin": dist/cli/shardline.js; its hashbang is
    // kept). One build, so that the bin shares the library's chunks rather than holding a second copy.
    entry: { index: 'src/index.ts', 'cli/shardline': 'src/cli/shardline.ts' },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts' } },
    target: 'node20',
  },
  {
    // The library for require(): the bin needs no CommonJS build.
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    dts: { entry: { index: 'src/index.ts' } },
    target: 'node20',
  },
]);
