import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
  '.html': 'text/html; charset=utf-8',
};

interface StaticFile {
  path: string;
  size: number;
  type: string;
}

/**
 * The build's client files (dist/client), listed once at start and served by exact path.
 * @astrojs/node's standalone handler instead stats the disk for every request before
 * rendering it (two file-system calls and the `send` machinery on every page, about 5% of a
 * personal page's CPU), though the build writes no file a page could be mistaken for. Files
 * under /_astro/ carry a content hash in their name, so they are cached for a year.
 * Returns a handler that answers GET and HEAD of a listed file and says whether it did.
 */
export function staticFiles(folder: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const files = new Map<string, StaticFile>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const url = '/' + relative(folder, path).split(sep).join('/');
        files.set(url, { path, size: statSync(path).size, type: types[extname(path).toLowerCase()] ?? 'application/octet-stream' });
      }
    }
  };
  if (existsSync(folder)) walk(folder);
  return (req, res) => {
    if (files.size === 0 || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const file = files.get((req.url ?? '/').split('?', 1)[0]!);
    if (!file) return false;
    res.writeHead(200, {
      'content-type': file.type,
      'content-length': String(file.size),
      'cache-control': req.url!.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file.path).pipe(res);
    return true;
  };
}
