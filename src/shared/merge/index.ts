export * from './field-policy';
export * from './merge-fields';
