export * from './address-fields';
export * from './choice';
export * from './cross-field-check';
export * from './decimal-number';
export * from './document-fields';
export * from './missing-field-message';
export * from './person-fields';
