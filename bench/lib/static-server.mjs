// A tiny HTTP server for bench-only pages: static files (with gzip/brotli siblings made here, chosen by
// Accept-Encoding the way our server's precompressed serving does), an SPA fallback to index.html, and
// a reverse proxy so a bench page can reach our API and express-pouchdb on one origin (no CORS
// preflights for either side).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { freePort } from './processes.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Writes .gz and .br siblings with the settings scripts/build.mjs uses for the app. */
export function precompress(dir) {
  for (const file of walk(dir)) {
    if (!/\.(js|css|html|webmanifest|svg|json)$/.test(file)) continue;
    const source = readFileSync(file);
    writeFileSync(`${file}.gz`, gzipSync(source, { level: 9 }));
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(source, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: source.byteLength,
        },
      }),
    );
  }
}

function cacheControl(path) {
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

export async function startStaticServer({ root, proxies = {}, spaFallback = true }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    for (const [prefix, target] of Object.entries(proxies)) {
      if (url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)) {
        const { origin, strip, keepHost } = target;
        const path = (strip ? url.pathname.slice(prefix.length) || '/' : url.pathname) + url.search;
        // keepHost: pass the browser's Host on (as nginx does with `proxy_set_header Host $http_host`),
        // so a server that checks Origin against its own origin sees the page's origin as its own.
        const host = keepHost ? req.headers.host : new URL(origin).host;
        const upstream = http.request(
          `${origin}${path}`,
          { method: req.method, headers: { ...req.headers, host }, agent },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', () => {
          res.writeHead(502);
          res.end();
        });
        req.pipe(upstream);
        return;
      }
    }
    let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    if (path.endsWith('/')) path += 'index.html';
    let file = join(root, path);
    let exists = false;
    try {
      exists = statSync(file).isFile();
    } catch {}
    if (!exists) {
      if (!spaFallback || !(req.headers.accept ?? '').includes('text/html')) {
        res.writeHead(404);
        res.end();
        return;
      }
      file = join(root, 'index.html');
      path = '/index.html';
    }
    const accepts = req.headers['accept-encoding'] ?? '';
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': cacheControl(path),
      vary: 'accept-encoding',
    };
    let body;
    for (const [token, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ]) {
      if (body === undefined && accepts.includes(token)) {
        try {
          body = readFileSync(file + suffix);
          headers['content-encoding'] = token;
        } catch {}
      }
    }
    body ??= readFileSync(file);
    headers['content-length'] = body.byteLength;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.keepAliveTimeout = 60_000;
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
