// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  srcDir: './site',
  server: { port: Number(process.env.PORT ?? 4321) },
  // Forms post to the same origin only: a cross-site POST is refused.
  security: { checkOrigin: true },
  // Public pages carry their CSS inline: one request per page, no render-blocking fetch.
  build: { inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
});
