import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/server/config';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const S3 = {
  S3_ENDPOINT: 'https://s3.eu-central-1.amazonaws.com',
  S3_BUCKET: 'lastivka-photos',
  S3_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  S3_SECRET_ACCESS_KEY: SECRET,
};

/** The configuration error's text, which main.ts prints; fails the test when there is none. */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('S3 configuration', () => {
  it('uses the file store when S3_ENDPOINT is unset or empty', () => {
    expect(loadConfig({}).config.s3).toBeUndefined();
    expect(
      loadConfig({ S3_ENDPOINT: '', S3_BUCKET: '', S3_ACCESS_KEY_ID: '', S3_SECRET_ACCESS_KEY: '' }).config
        .s3,
    ).toBeUndefined();
  });

  it('selects the S3 store with S3_ENDPOINT, region us-east-1 and no prefix by default', () => {
    expect(loadConfig(S3).config.s3).toEqual({
      endpoint: 'https://s3.eu-central-1.amazonaws.com',
      bucket: 'lastivka-photos',
      region: 'us-east-1',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: SECRET,
      prefix: '',
    });
  });

  it('takes a region, a prefix (as a folder) and an endpoint with a path or a trailing slash', () => {
    const { s3 } = loadConfig({
      ...S3,
      S3_ENDPOINT: 'http://minio.internal:9000/storage/',
      S3_REGION: 'garage',
      S3_PREFIX: 'lastivka/prod',
    }).config;
    expect(s3).toMatchObject({
      endpoint: 'http://minio.internal:9000/storage',
      region: 'garage',
      prefix: 'lastivka/prod/',
    });
    expect(loadConfig({ ...S3, S3_PREFIX: 'lastivka/' }).config.s3?.prefix).toBe('lastivka/');
  });

  it('requires the bucket and both keys with S3_ENDPOINT, naming each, never the secret', () => {
    const message = refusal({ S3_ENDPOINT: S3.S3_ENDPOINT });
    expect(message).toContain('S3_BUCKET: is required when S3_ENDPOINT is set');
    expect(message).toContain('S3_ACCESS_KEY_ID: is required when S3_ENDPOINT is set');
    expect(message).toContain('S3_SECRET_ACCESS_KEY: is required when S3_ENDPOINT is set');
    expect(refusal({ ...S3, S3_ACCESS_KEY_ID: '' })).toBe(
      'Invalid configuration:\n  S3_ACCESS_KEY_ID: is required when S3_ENDPOINT is set',
    );
  });

  it('refuses S3 settings without S3_ENDPOINT rather than quietly keeping photos on this host', () => {
    const { S3_ENDPOINT: _, ...withoutEndpoint } = S3;
    const message = refusal(withoutEndpoint);
    expect(message).toMatch(
      /^Invalid configuration:\n {2}S3_ENDPOINT: must be set when any other S3_ variable is/,
    );
    expect(message).not.toContain(SECRET);
    expect(refusal({ S3_PREFIX: 'lastivka/' })).toContain('S3_ENDPOINT:');
  });

  it('refuses a malformed endpoint, bucket, region or prefix, with the other errors in the same message', () => {
    const message = refusal({
      ...S3,
      S3_ENDPOINT: `https://key:${SECRET}@s3.example.com`,
      S3_BUCKET: 'Photos_2025',
      S3_REGION: 'eu central',
      S3_PREFIX: 'lastivka/../other',
      PORT: 'eighty',
    });
    for (const name of ['PORT', 'S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_PREFIX']) {
      expect(message).toContain(`\n  ${name}: `);
    }
    expect(message).not.toContain(SECRET);
    for (const endpoint of ['ftp://s3.example.com', 's3.example.com', 'https://s3.example.com/?x=1']) {
      expect(refusal({ ...S3, S3_ENDPOINT: endpoint })).toContain('S3_ENDPOINT: must be an http(s) URL');
    }
    for (const prefix of ['/lastivka', 'a//b', './x', 'a b/', 'ünicode']) {
      expect(refusal({ ...S3, S3_PREFIX: prefix })).toContain('S3_PREFIX: ');
    }
  });
});
