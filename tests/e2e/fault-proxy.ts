import { createServer, type Server, Socket } from 'node:net';

/**
 * A TCP proxy between the browser and the test server that behaves like a thin mobile link: every
 * byte shares one slow pipe each way (so parallel requests don't each get the full speed), each
 * slice arrives after a fixed delay, and on request it resets the connection in the middle of an
 * upload's body — what a phone sees when the tower drops it. Throttling here rather than with
 * DevTools' request-level emulation because it applies the same way to the page, the data worker and
 * the service worker, and a reset mid-body is something only a byte-level proxy can do.
 */
export interface FaultProxy {
  readonly url: string;
  /** Bytes per second each way, and the delay each slice takes; undefined: a fast link. */
  setLink(link: { bytesPerSecond: number; latencyMs: number } | undefined): void;
  /**
   * Resets the connection carrying the next `PATCH /api/uploads/…` once `afterBodyBytes` bytes of
   * it have gone through; resolves when it did.
   */
  resetNextUpload(afterBodyBytes: number): Promise<void>;
  stop(): Promise<void>;
}

const SLICE_BYTES = 2048;
const UPLOAD_REQUEST_LINE = 'PATCH /api/uploads/';

/** One direction of the link: slices leave in order, no faster than the link allows. */
class Pipe {
  private nextFree = 0;
  constructor(private readonly link: () => { bytesPerSecond: number; latencyMs: number } | undefined) {}

  /** When a slice of `bytes` may be delivered, reserving the link for it. */
  deliveryTime(bytes: number): number {
    const link = this.link();
    if (!link) return Date.now();
    const start = Math.max(Date.now(), this.nextFree);
    this.nextFree = start + (bytes / link.bytesPerSecond) * 1000;
    return this.nextFree + link.latencyMs;
  }
}

export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let link: { bytesPerSecond: number; latencyMs: number } | undefined;
  const upstreamPipe = new Pipe(() => link);
  const downstreamPipe = new Pipe(() => link);
  let armedReset: { afterBodyBytes: number; done: () => void } | undefined;
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const upstream = new Socket();
    upstream.connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    let closed = false;
    // Bytes of the doomed upload still to let through before the reset (undefined: not doomed).
    let doomedAfter: number | undefined;
    let onDoomed: (() => void) | undefined;

    const closeBoth = (reset: boolean) => {
      if (closed) return;
      closed = true;
      if (reset) {
        client.resetAndDestroy();
        upstream.resetAndDestroy();
      } else {
        client.destroy();
        upstream.destroy();
      }
      sockets.delete(client);
      sockets.delete(upstream);
    };

    // Order is kept per direction by chaining each slice's timer after the previous one.
    let upstreamChain = Promise.resolve();
    let downstreamChain = Promise.resolve();
    const forward = (data: Buffer, to: Socket, pipe: Pipe, toServer: boolean) => {
      for (let start = 0; start < data.length; start += SLICE_BYTES) {
        const slice = data.subarray(start, start + SLICE_BYTES);
        const at = pipe.deliveryTime(slice.length);
        const send = async () => {
          const wait = at - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          if (closed) return;
          if (toServer && doomedAfter !== undefined) {
            const allowed = Math.min(slice.length, doomedAfter);
            to.write(slice.subarray(0, allowed));
            doomedAfter -= allowed;
            if (doomedAfter <= 0) {
              // Let the written bytes reach the server before the reset, as on a real link.
              await new Promise((resolve) => setTimeout(resolve, 50));
              closeBoth(true);
              onDoomed?.();
              return;
            }
            return;
          }
          to.write(slice);
        };
        if (toServer) upstreamChain = upstreamChain.then(send);
        else downstreamChain = downstreamChain.then(send);
      }
    };

    client.on('data', (data) => {
      if (armedReset && doomedAfter === undefined) {
        const at = data.indexOf(UPLOAD_REQUEST_LINE, 0, 'latin1');
        if (at >= 0) {
          const headersEnd = data.indexOf('\r\n\r\n', at, 'latin1');
          // Count from the end of the headers when they are in this packet, else from the request line.
          const bodyStart = headersEnd >= 0 ? headersEnd + 4 : at;
          const reset = armedReset;
          armedReset = undefined;
          // Bytes before the body pass whole; the body is cut after `afterBodyBytes`.
          forward(data.subarray(0, bodyStart), upstream, upstreamPipe, true);
          upstreamChain = upstreamChain.then(() => {
            doomedAfter = reset.afterBodyBytes;
            onDoomed = reset.done;
          });
          forward(data.subarray(bodyStart), upstream, upstreamPipe, true);
          return;
        }
      }
      forward(data, upstream, upstreamPipe, true);
    });
    upstream.on('data', (data) => forward(data, client, downstreamPipe, false));
    // The browser going away (offline, a closed tab) takes whatever was still on the link with it.
    client.on('close', () => closeBoth(false));
    client.on('error', () => closeBoth(false));
    upstream.on('error', () => closeBoth(false));
    upstream.on('close', () => {
      void downstreamChain.then(() => closeBoth(false));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://localhost:${port}`,
    setLink(next) {
      link = next;
    },
    resetNextUpload(afterBodyBytes) {
      return new Promise<void>((resolve) => {
        armedReset = { afterBodyBytes, done: resolve };
      });
    },
    stop() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
