import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Random } from './seeded-random';

export interface FaultProxyOptions {
  /** Where requests go, e.g. http://127.0.0.1:8123 (loopback only). */
  readonly upstream: string;
  readonly random: Random;
  /** Share of push requests whose connection is reset before anything reaches the server. */
  readonly resetRate: number;
  /** Share of push requests the server processes whose answer is then thrown away. */
  readonly dropRate: number;
}

export interface FaultCounts {
  /** Push requests that arrived at the proxy. */
  pushes: number;
  /** Reset (TCP RST) before forwarding: the server never saw them. */
  resets: number;
  /** Forwarded, answered by the server, answer destroyed: the phone never learns it was applied. */
  drops: number;
  /** Forwarded and answered normally. */
  delivered: number;
  /** Other requests (pulls, health) passed through untouched. */
  passedThrough: number;
}

/**
 * A small man-in-the-middle for the sync API that loses acknowledgements on purpose. For
 * POST /api/sync/push it either resets the phone's connection before forwarding (the server never
 * sees the request), or forwards it, waits until the server has answered — so the batch IS applied
 * — and then destroys the phone's socket instead of relaying the answer (the phone sees a network
 * error and must send the same batch again), or relays the answer. Every decision comes from the
 * seeded `random`, taken in arrival order.
 */
export class FaultProxy {
  readonly counts: FaultCounts = { pushes: 0, resets: 0, drops: 0, delivered: 0, passedThrough: 0 };
  readonly #options: FaultProxyOptions;
  readonly #upstream: URL;
  #server: Server | undefined;

  constructor(options: FaultProxyOptions) {
    this.#options = options;
    this.#upstream = new URL(options.upstream);
    if (this.#upstream.hostname !== '127.0.0.1')
      throw new Error('the fault proxy forwards to 127.0.0.1 only');
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.#handle(req, res).catch(() => req.socket.destroy());
    });
    // Bounded, so a test that forgets to close a keep-alive connection cannot hang the close.
    server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const isPush = req.method === 'POST' && req.url?.startsWith('/api/sync/push') === true;
    if (!isPush) {
      this.counts.passedThrough++;
      const body = await readAll(req);
      const answer = await this.#forward(req, body);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
      return;
    }
    this.counts.pushes++;
    const roll = this.#options.random.next();
    if (roll < this.#options.resetRate) {
      this.counts.resets++;
      req.socket.resetAndDestroy();
      return;
    }
    const drop = this.#options.random.next() < this.#options.dropRate;
    const body = await readAll(req);
    const answer = await this.#forward(req, body);
    if (drop) {
      // The server has committed and answered; the phone gets a dead connection instead.
      this.counts.drops++;
      req.socket.destroy();
      return;
    }
    this.counts.delivered++;
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  #forward(
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      // The Host stays the one the phone used, as a reverse proxy keeps it: the server checks a
      // write's Origin against its own origin, which it derives from Host.
      const headers = {
        ...req.headers,
        'content-length': String(body.byteLength),
      };
      delete headers['transfer-encoding'];
      const upstream = httpRequest(
        {
          host: this.#upstream.hostname,
          port: this.#upstream.port,
          method: req.method,
          path: req.url,
          headers,
          agent: false,
        },
        (response) => {
          readAll(response).then((answer) => {
            const out: Record<string, string | string[]> = {};
            for (const [name, value] of Object.entries(response.headers)) {
              if (value !== undefined && name !== 'transfer-encoding' && name !== 'connection')
                out[name] = value;
            }
            out['content-length'] = String(answer.byteLength);
            resolve({ status: response.statusCode ?? 502, headers: out, body: answer });
          }, reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
