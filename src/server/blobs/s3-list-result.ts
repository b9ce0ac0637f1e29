/** One object in a ListObjectsV2 answer. */
export interface S3ListedObject {
  readonly key: string;
  readonly size: number;
  readonly lastModified: Date;
}

export interface S3ListPage {
  readonly objects: readonly S3ListedObject[];
  /** Set when the listing goes on: pass it back as `continuation-token` for the next page. */
  readonly nextContinuationToken: string | undefined;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function xmlText(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

function element(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return match?.[1] === undefined ? undefined : xmlText(match[1]);
}

/**
 * Reads the few fields we use from a ListObjectsV2 answer. ListBucketResult is a flat, fixed format
 * (no attributes or nesting inside Key, Size, LastModified), so a full XML parser, which the server
 * does not otherwise need, would buy nothing. An answer that is not a listing throws rather than
 * reading as "no objects", which would look like an empty upload.
 */
export function parseListObjectsV2(xml: string): S3ListPage {
  if (!/<ListBucketResult[\s>]/.test(xml)) throw new Error('S3 list answer is not a ListBucketResult');
  const objects: S3ListedObject[] = [];
  for (const match of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
    const body = match[1] ?? '';
    const key = element(body, 'Key');
    const size = Number(element(body, 'Size'));
    const lastModified = new Date(element(body, 'LastModified') ?? '');
    if (key === undefined || !Number.isSafeInteger(size) || Number.isNaN(lastModified.getTime())) {
      throw new Error('S3 list answer has an object without key, size or date');
    }
    objects.push({ key, size, lastModified });
  }
  const truncated = element(xml, 'IsTruncated') === 'true';
  const token = element(xml, 'NextContinuationToken');
  if (truncated && token === undefined) throw new Error('S3 list answer is truncated without a token');
  return { objects, nextContinuationToken: truncated ? token : undefined };
}
