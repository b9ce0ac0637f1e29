import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  // Vite 8 transforms JSX with Oxc; Preact's automatic runtime keeps components free of imports.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist/client',
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  worker: { format: 'es' },
  resolve: {
    // Dexie's default entry wraps its ES5 UMD build; the modern ES module is smaller and still runs in
    // every browser that has module workers.
    alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }],
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,webmanifest,svg,png}'],
        globIgnores: ['staff/**', '**/staff*', '**/*.map', '**/katottg/**'],
        minify: true,
      },
      devOptions: { enabled: false },
    }),
  ],
});
