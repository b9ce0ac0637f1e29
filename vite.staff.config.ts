import { defineConfig } from 'vite';

// The caseworker console is its own build under /staff/: citizens never download or precache it.
export default defineConfig({
  base: '/staff/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  publicDir: false,
  build: {
    // Inside the served folder, after the citizen build (whose service worker precache list is already
    // written, so none of these files is in it).
    outDir: 'dist/client/staff',
    target: 'es2022',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    rollupOptions: { input: 'staff.html' },
  },
});
