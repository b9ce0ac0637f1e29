export * from './damage-report';
export * from './oblasts';
export * from './record-status';
export * from './reference-number';
export * from './service-definition';
export * from './services';
export * from './validation-issue';
