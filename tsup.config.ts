import { defineConfig } from 'tsup';

export default defineConfig({
  // The library, and the `shardline` bin (package.json "bin": dist/cli/serve.js, ESM; its hashbang is kept).
  entry: { index: 'src/index.ts', 'cli/serve': 'src/cli/serve.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
});
