export * from './child-rows';
export * from './field-value';
