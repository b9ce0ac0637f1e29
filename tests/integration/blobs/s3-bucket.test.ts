import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openS3BlobStore } from '../../../src/server/blobs';
import { openS3Bucket, S3RequestError } from '../../../src/server/blobs/s3-bucket';
import { sha256Of } from './blob-store-contract';

// What s3rver cannot show: it fails to paginate on OpenSSL 3 (its continuation tokens use DES) and
// ignores If-None-Match on PUT. A scripted HTTP server plays S3 for those answers.

type Handler = (request: IncomingMessage, url: URL, response: ServerResponse) => void;

let server: Server;
let endpoint: string;
let handle: Handler;
let seen: { method: string; url: URL; ifNoneMatch: string | undefined }[];

beforeEach(async () => {
  seen = [];
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stub');
    seen.push({ method: request.method ?? '', url, ifNoneMatch: request.headers['if-none-match'] });
    request.resume();
    request.on('end', () => handle(request, url, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const settings = () => ({
  endpoint,
  bucket: 'photos',
  region: 'eu-central-1',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'stub-secret-never-in-a-message',
  prefix: '',
});

function listPage(keys: readonly string[], next?: string): string {
  const contents = keys
    .map(
      (key) =>
        `<Contents><Key>${key}</Key><LastModified>2025-03-01T10:00:00.000Z</LastModified><ETag>&quot;x&quot;</ETag><Size>7</Size><StorageClass>STANDARD</StorageClass></Contents>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>photos</Name><Prefix>p/</Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>${next !== undefined}</IsTruncated>${next === undefined ? '' : `<NextContinuationToken>${next}</NextContinuationToken>`}${contents}</ListBucketResult>`;
}

function xml(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/xml' });
  response.end(body);
}

describe('S3 bucket requests', () => {
  it('follows continuation tokens until the listing ends, and decodes XML in keys', async () => {
    const token = '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=+';
    handle = (_request, url, response) => {
      if (url.searchParams.get('continuation-token') === token)
        xml(response, 200, listPage(['p/c', 'p/d&amp;e']));
      else xml(response, 200, listPage(['p/a', 'p/b'], token));
    };
    const listed = await openS3Bucket(settings()).list('p/');
    expect(listed.map((object) => object.key)).toEqual(['p/a', 'p/b', 'p/c', 'p/d&e']);
    expect(listed[0]).toMatchObject({ size: 7, lastModified: new Date('2025-03-01T10:00:00.000Z') });
    expect(
      seen.map(({ url }) => [
        url.pathname,
        url.searchParams.get('list-type'),
        url.searchParams.get('prefix'),
      ]),
    ).toEqual([
      ['/photos', '2', 'p/'],
      ['/photos', '2', 'p/'],
    ]);
    expect(seen[1]?.url.searchParams.get('continuation-token')).toBe(token);
  });

  it('throws on an answer that is not a listing rather than reading it as empty', async () => {
    handle = (_request, _url, response) => xml(response, 200, '<html>captive portal</html>');
    await expect(openS3Bucket(settings()).list('p/')).rejects.toThrow('not a ListBucketResult');
  });

  it('retries a 5xx twice, then throws with S3’s error code and without the secret', async () => {
    handle = (_request, _url, response) =>
      xml(
        response,
        503,
        '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
      );
    const failure = await openS3Bucket(settings())
      .put('p/x', randomBytes(10))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(S3RequestError);
    expect(failure).toMatchObject({ message: 'S3 PUT answered 503 SlowDown', status: 503, code: 'SlowDown' });
    expect(String((failure as Error).stack)).not.toContain('stub-secret');
    expect(seen.map(({ method }) => method)).toEqual(['PUT', 'PUT', 'PUT']);
  });

  it('sends a chunk with If-None-Match: * and tells the appender what is held when another process won', async () => {
    const photo = randomBytes(1000);
    const sha = sha256Of(photo);
    // Another API process wrote 600 bytes at offset 0 between our listing and our write.
    let otherWrote = false;
    handle = (request, url, response) => {
      if (request.method === 'HEAD') {
        response.writeHead(404).end();
      } else if (request.method === 'PUT') {
        otherWrote = true;
        xml(response, 412, '<Error><Code>PreconditionFailed</Code></Error>');
      } else if (url.searchParams.get('list-type') === '2') {
        const chunk = `partial/${sha}/0000000000`;
        const page = listPage(otherWrote ? [chunk] : []).replace('<Size>7</Size>', '<Size>600</Size>');
        xml(response, 200, page);
      } else {
        response.writeHead(500).end();
      }
    };
    const blobs = openS3BlobStore(settings());
    expect(await blobs.append(sha, 0, photo.subarray(0, 500))).toEqual({ ok: false, offset: 600 });
    const put = seen.find(({ method }) => method === 'PUT');
    expect(put?.url.pathname).toBe(`/photos/partial/${sha}/0000000000`);
    expect(put?.ifNoneMatch).toBe('*');
    expect(blobs.received.get(sha)).toBeUndefined();
  });
});
