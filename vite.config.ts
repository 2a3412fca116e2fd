// Builds the web app (src/web) into dist/web, which the Fastify server serves with an SPA fallback; in dev, proxies the API.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://localhost:3000';
// ws: the live updates (/api/live) are a WebSocket under /api. The server accepts a socket only from PUBLIC_URL's origin,
// so in dev PUBLIC_URL is Vite's address (as the OIDC redirects already need); the Origin header is not rewritten.
const proxy = { '/api': { target: api, ws: true }, '/auth': api, '/dev-idp': api, '/healthz': api };

export default defineConfig({
  root: path.join(import.meta.dirname, 'src/web'),
  plugins: [react()],
  build: {
    outDir: path.join(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      treeshake: {
        // Designsystemet's React package declares no "sideEffects", so every component would be kept (~35 kB gzip);
        // its modules only define components. Its one real side effect, @digdir/designsystemet-web, is not covered here.
        moduleSideEffects: [{ test: /[\\/]@digdir[\\/]designsystemet-react[\\/]/, sideEffects: false }],
      },
      output: {
        // Libraries change less often than the app: separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/ },
            { name: 'designsystemet', test: /[\\/]node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy },
  preview: { proxy },
});
