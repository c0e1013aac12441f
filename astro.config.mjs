// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  adapter: node({
    // 'middleware': scripts/serve.ts is the server and serves the client files itself.
    mode: 'middleware',
    // A page is rendered to one string and written once: the pages are small, and a stream
    // cost a chunk, an encoding and a socket write per component (bench/status.ts).
    experimentalDisableStreaming: true,
    // The largest body @astrojs/node lets through (its default is 1 GB). The middleware reads
    // every form to MAX_BODY_MB at run time and the server's edge refuses a longer declared
    // body (src/http/edge.ts); this is the backstop for the rest, fixed at build time: rebuild
    // with MAX_BODY_MB set if you raise it above 110 (docs/deploy.md).
    bodySizeLimit: Number(process.env.MAX_BODY_MB ?? 110) * 1024 * 1024,
  }),
  srcDir: './site',
  server: { port: Number(process.env.PORT ?? 4321) },
  // Forms post to the same origin only: a cross-site POST is refused.
  security: { checkOrigin: true },
  // Public pages carry their CSS inline: one request per page, no render-blocking fetch.
  build: { inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
});
