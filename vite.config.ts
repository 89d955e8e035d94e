import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { type ManifestOptions, VitePWA } from 'vite-plugin-pwa';

/** The web app manifest: what makes Fieldbook installable on a phone's home screen. */
const webManifest: Partial<ManifestOptions> = {
  name: 'Fieldbook — procedures in the field',
  short_name: 'Fieldbook',
  description: 'Run, time and improve your standard operating procedures in the field, even offline.',
  lang: 'en',
  dir: 'ltr',
  start_url: '/',
  scope: '/',
  id: '/',
  display: 'standalone',
  orientation: 'portrait',
  theme_color: '#0b4f8a',
  background_color: '#ffffff',
  categories: ['business', 'productivity'],
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};

// The service worker is our own (sw/sw.ts, injectManifest): workbox only injects the
// precache list. Icons and the manifest are added by the plugin itself, so the globs
// list only js/css/html/svg (globbing png/webmanifest would list them twice).
export default defineConfig({
  resolve: {
    alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
  },
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: webManifest,
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg}'] },
      devOptions: { enabled: false },
    }),
  ],
  build: { target: 'es2022', sourcemap: false },
  server: {
    proxy: { '/api': 'http://localhost:8080', '/media': 'http://localhost:8080' },
  },
});
