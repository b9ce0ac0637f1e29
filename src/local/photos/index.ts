export * from './add-photo';
export * from './list-photos';
export * from './photo-access';
export * from './photo-entry';
export * from './photo-error';
export * from './remove-photo';
export * from './upload-photos';
export * from './upload-policy';
