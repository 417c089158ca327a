// Tiny static HTTP server for the fixture pages (tests/fixtures/pages/).
// Listens on 127.0.0.1 on a random free port; only serves files inside the root.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_PAGES_DIR = resolve(fileURLToPath(new URL('../fixtures/pages/', import.meta.url)));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface FixtureServer {
  /** e.g. http://127.0.0.1:41234/ (always ends with a slash) */
  baseUrl: string;
  port: number;
  /** Absolute URL of a fixture page: url('seed-000.html') */
  url(page: string): string;
  close(): Promise<void>;
}

export async function startFixtureServer(root: string = FIXTURE_PAGES_DIR): Promise<FixtureServer> {
  const rootAbs = resolve(root);
  const server: Server = createServer(async (req, res) => {
    try {
      const { pathname, searchParams } = new URL(req.url ?? '/', 'http://x');
      let rel = decodeURIComponent(pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      const file = normalize(join(rootAbs, rel));
      if (file !== rootAbs && !file.startsWith(rootAbs + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      const st = await stat(file).catch(() => null);
      if (!st || !st.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
        // ?csp=strict: a page that allows no script and no load of any kind but its own styles.
        ...(searchParams.get('csp') === 'strict' ? { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline' 'self'" } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  // Do not let idle keep-alive sockets hold the process open at close().
  server.keepAliveTimeout = 1000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('fixture server: no port');
  const baseUrl = `http://127.0.0.1:${addr.port}/`;
  return {
    baseUrl,
    port: addr.port,
    url: (page) => new URL(page.replace(/^\//, ''), baseUrl).href,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
