import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Two pages, built into the server's wwwroot. The server sends a strict Content-Security-Policy
// (script-src 'self'; style-src 'self'), so the build must not emit inline scripts or styles:
// the modulepreload polyfill is an inline script, hence switched off.
// Vite 6 and fileURLToPath keep the build working on Node.js 18 (Debian 12's nodejs package).
const here = dirname(fileURLToPath(import.meta.url));
const backend = process.env.LIVEROOM_DEV_BACKEND ?? 'http://127.0.0.1:5080';

export default defineConfig({
  base: '/',
  build: {
    outDir: '../LiveRoom.Server/wwwroot',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
    // hls.js (~600 kB) and mpegts.js (~280 kB) are chunks of their own, loaded only while a room is live.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: {
        viewer: resolve(here, 'viewer.html'),
        console: resolve(here, 'console.html'),
      },
    },
  },
  server: {
    // `npm run dev` against a running server: API, hub and media go to the backend.
    proxy: {
      '/api': backend,
      '/live': backend,
      '/hubs': { target: backend, ws: true },
    },
  },
});
