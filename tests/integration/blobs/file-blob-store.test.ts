import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openFileBlobStore } from '../../../src/server/blobs';
import { defineBlobStoreContract } from './blob-store-contract';

defineBlobStoreContract('file store', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lastivka-blobs-'));
  return {
    blobs: await openFileBlobStore(dir),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
