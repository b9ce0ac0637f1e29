export * from './hostilities';
export * from './katottg-code';
export * from './katottg-index';
export * from './katottg-tree';
export * from './katottg-version';
