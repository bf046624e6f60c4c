import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const API_SERVER = 'http://localhost:3000';

// The web app lives in src/web and is served by the API server from dist/web in production.
export default defineConfig({
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': {
        target: API_SERVER,
        changeOrigin: true,
        // The server refuses writes whose Origin is not its own; in development the page is
        // served by Vite on another port, so present the API server's origin instead.
        configure: (proxy) => {
          proxy.on('proxyReq', (request) => {
            if (request.getHeader('origin')) request.setHeader('origin', API_SERVER);
          });
        },
      },
    },
  },
});
