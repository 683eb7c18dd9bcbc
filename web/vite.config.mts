import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Resolve from this file, not the working directory, so `vite --config web/vite.config.ts`
// behaves the same from the repo root or from web/.
const webRoot = fileURLToPath(new URL('.', import.meta.url));

// In development the page is served by Vite and /api is forwarded to the Express server,
// which listens on 127.0.0.1:${PORT:-8080} (see the contracts in DESIGN.md).
const apiTarget = process.env.THREADLINE_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? '8080'}`;

export default defineConfig({
  root: webRoot,
  // Relative asset URLs keep the bundle working wherever Express mounts web/dist.
  base: './',
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Cytoscape alone is ~400 kB minified; one chunk is fine for a single-page tool.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: { '/api': apiTarget },
  },
  preview: {
    proxy: { '/api': apiTarget },
  },
});
