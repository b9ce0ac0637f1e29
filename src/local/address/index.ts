export * from './fetch-katottg-json';
export * from './katottg-load-errors';
export * from './load-hostilities-list';
export * from './load-katottg-index';
export * from './load-oblast-tree';
