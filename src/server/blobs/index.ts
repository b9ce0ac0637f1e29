export * from './blob-store';
export * from './file-blob-store';
export * from './partial-cleanup';
