export * from './damage-report';
export * from './oblasts';
export * from './reference-number';
export * from './services';
export * from './validation-issue';
