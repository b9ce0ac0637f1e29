import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readLimitedBody } from '../../src/server/limited-body';

function request(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request('http://test/any', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

/** A body whose first part arrives and then the connection resets, as a dropped mobile link does. */
function cutOffBody(firstPart: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (sent) controller.error(new Error('ECONNRESET'));
      else {
        sent = true;
        controller.enqueue(firstPart);
      }
    },
  });
}

describe('readLimitedBody', () => {
  it('returns the whole body when it is within the limit', async () => {
    const result = await readLimitedBody(request(new Uint8Array([1, 2, 3])), 3);
    expect(result.ok && [...result.bytes]).toEqual([1, 2, 3]);
  });

  it('refuses a body over the limit, declared or not', async () => {
    expect(await readLimitedBody(request(new Uint8Array(4)), 3)).toEqual({ ok: false, problem: 'tooLarge' });
    const undeclared = await readLimitedBody(request(cutOffBody(new Uint8Array(10))), 3);
    expect(undeclared).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('says a body cut off mid-way is incomplete, never a whole body', async () => {
    const result = await readLimitedBody(request(cutOffBody(new Uint8Array(100))), 1000);
    expect(result).toEqual({ ok: false, problem: 'incomplete' });
  });

  it('stops inflating a gzip body at the limit', async () => {
    const bomb = gzipSync(new Uint8Array(100_000));
    const result = await readLimitedBody(request(bomb, { 'content-encoding': 'gzip' }), 1000);
    expect(result).toEqual({ ok: false, problem: 'tooLarge' });
  });
});
