export * from './amendment-event';
export * from './error-body';
export * from './identifiers';
export * from './limits';
export * from './mutation';
export * from './protocol-version';
export * from './pull';
export * from './push';
