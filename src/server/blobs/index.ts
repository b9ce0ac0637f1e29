export * from './blob-store';
export * from './file-blob-store';
export * from './partial-cleanup';
export * from './s3-blob-store';
