import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import { parseListObjectsV2, type S3ListedObject } from './s3-list-result';

/** Where the objects live and who we are there (S3_* variables). */
export interface S3Settings {
  /** e.g. `https://s3.eu-central-1.amazonaws.com`, `http://minio:9000`; no trailing slash. */
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * The service said no (status ≥ 400 other than the 404s we expect) or could not be reached. The
 * message names the operation, the status and S3's error code, never the key, the credentials or the
 * request's signature, because it ends up in the log.
 */
export class S3RequestError extends Error {
  override readonly name = 'S3RequestError';
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** The few S3 operations the blob store needs, on one bucket, with path-style URLs. */
export interface S3Bucket {
  /** The object's size in bytes, or undefined when there is no such object. */
  size(key: string): Promise<number | undefined>;
  /** The whole object in memory (our objects are at most a few hundred KB), or undefined. */
  getBytes(key: string): Promise<Uint8Array | undefined>;
  /** The object as a stream, or undefined. */
  getStream(key: string): Promise<Readable | undefined>;
  /**
   * Writes the object. With `onlyIfAbsent` it sends `If-None-Match: *` and answers false when the
   * service reports the key exists (412) or a concurrent conditional write (409); services that
   * ignore the header simply overwrite.
   */
  put(key: string, bytes: Uint8Array, options?: { onlyIfAbsent?: boolean }): Promise<boolean>;
  /** Deletes the object; deleting one that is not there is not an error (S3 answers 204 either way). */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix`, all pages. */
  list(prefix: string): Promise<S3ListedObject[]>;
}

/**
 * A hung service must not hold a phone's request (and its socket) open: S3 answers in well under a
 * second, so this is only ever reached when something is wrong. The phone retries later anyway.
 */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * aws4fetch retries 5xx and 429 ten times by default with exponential backoff, which can hold a
 * request for most of a minute; two quick retries ride out S3's occasional 503 SlowDown, and beyond
 * that the phone's own backoff is the better place to wait.
 */
const RETRIES = 2;

function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/**
 * S3's error code (SignatureDoesNotMatch, NoSuchBucket…): only that goes in the log, never the body,
 * which can echo the request.
 */
async function errorCode(response: Response): Promise<string | undefined> {
  const text = await response.text().catch(() => '');
  return /<Code>([A-Za-z0-9.]{1,64})<\/Code>/.exec(text)?.[1];
}

function networkFailure(operation: string, error: unknown): S3RequestError {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new S3RequestError(
      `S3 ${operation} got no answer within ${REQUEST_TIMEOUT_MS} ms`,
      undefined,
      undefined,
    );
  }
  // undici puts the reason (ECONNREFUSED, ENOTFOUND, a TLS problem) in `cause`; "fetch failed" alone says nothing.
  const cause = error instanceof Error ? error.cause : undefined;
  const reason =
    cause instanceof Error
      ? `${(cause as NodeJS.ErrnoException).code ?? cause.name}: ${cause.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  return new S3RequestError(`S3 ${operation} failed: ${reason}`, undefined, undefined);
}

export function openS3Bucket(settings: S3Settings): S3Bucket {
  const client = new AwsClient({
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    service: 's3',
    region: settings.region,
    retries: RETRIES,
  });
  const bucketUrl = `${settings.endpoint}/${encodeURIComponent(settings.bucket)}`;

  /**
   * One signed request. The timeout covers the whole exchange, body included, except for `streamed`
   * answers: their body goes on to a caseworker's browser at its own pace, so only the wait for the
   * headers is bounded.
   */
  async function send(
    operation: string,
    url: string,
    init: { method: string; headers?: Record<string, string>; body?: Uint8Array; streamed?: boolean },
  ): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('S3 request timed out', 'TimeoutError')),
      REQUEST_TIMEOUT_MS,
    );
    // Never keeps the process alive; once the exchange is over, aborting is a no-op.
    timer.unref();
    try {
      return await client.fetch(url, {
        method: init.method,
        headers: init.headers,
        body: init.body as Uint8Array<ArrayBuffer> | undefined,
        signal: controller.signal,
      });
    } catch (error) {
      throw networkFailure(operation, error);
    } finally {
      if (init.streamed) clearTimeout(timer);
    }
  }

  async function refused(operation: string, response: Response): Promise<S3RequestError> {
    const code = await errorCode(response);
    return new S3RequestError(
      `S3 ${operation} answered ${response.status}${code === undefined ? '' : ` ${code}`}`,
      response.status,
      code,
    );
  }

  /** Reads a body under the request's timeout, turning an abort into the same error as a failed request. */
  async function bodyOf(operation: string, response: Response): Promise<Uint8Array> {
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw networkFailure(operation, error);
    }
  }

  async function get(operation: string, key: string, streamed = false): Promise<Response | undefined> {
    const response = await send(operation, `${bucketUrl}/${encodeKey(key)}`, { method: 'GET', streamed });
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) throw await refused(operation, response);
    return response;
  }

  return {
    async size(key) {
      const response = await send('HEAD', `${bucketUrl}/${encodeKey(key)}`, { method: 'HEAD' });
      if (response.status === 404) return undefined;
      // A HEAD answer has no body, so there is no error code to read.
      if (!response.ok)
        throw new S3RequestError(`S3 HEAD answered ${response.status}`, response.status, undefined);
      const length = Number(response.headers.get('content-length'));
      if (!Number.isSafeInteger(length))
        throw new S3RequestError('S3 HEAD answered without a length', 200, undefined);
      return length;
    },

    async getBytes(key) {
      const response = await get('GET', key);
      return response === undefined ? undefined : bodyOf('GET', response);
    },

    async getStream(key) {
      const response = await get('GET', key, true);
      if (response === undefined) return undefined;
      if (response.body === null) return Readable.from([]);
      return Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
    },

    async put(key, bytes, options = {}) {
      const response = await send('PUT', `${bucketUrl}/${encodeKey(key)}`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/octet-stream',
          ...(options.onlyIfAbsent ? { 'if-none-match': '*' } : {}),
        },
        body: bytes,
      });
      if (options.onlyIfAbsent && (response.status === 412 || response.status === 409)) {
        await response.body?.cancel();
        return false;
      }
      if (!response.ok) throw await refused('PUT', response);
      await response.body?.cancel();
      return true;
    },

    async delete(key) {
      const response = await send('DELETE', `${bucketUrl}/${encodeKey(key)}`, { method: 'DELETE' });
      if (!response.ok && response.status !== 404) throw await refused('DELETE', response);
      await response.body?.cancel();
    },

    async list(prefix) {
      const objects: S3ListedObject[] = [];
      let token: string | undefined;
      do {
        const query = new URLSearchParams({ 'list-type': '2', prefix });
        if (token !== undefined) query.set('continuation-token', token);
        const response = await send('LIST', `${bucketUrl}?${query}`, { method: 'GET' });
        if (!response.ok) throw await refused('LIST', response);
        const page = parseListObjectsV2(new TextDecoder().decode(await bodyOf('LIST', response)));
        objects.push(...page.objects);
        token = page.nextContinuationToken;
      } while (token !== undefined);
      return objects;
    },
  };
}
