/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The CSP the app serves; `vite preview` sends it too so the built page can be checked against it.
const csp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'";

const backend = process.env.KEPU_BACKEND ?? 'http://localhost:8080';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    // Data-URI fonts or scripts would be blocked by the CSP: always emit real files.
    assetsInlineLimit: 0,
    // One entry, no dynamic imports: the preload polyfill would only add bytes.
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: {
    proxy: { '/api': backend },
  },
  preview: {
    headers: { 'Content-Security-Policy': csp },
    proxy: { '/api': backend },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
