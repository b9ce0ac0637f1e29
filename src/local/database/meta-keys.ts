export const META_CLIENT_ID = 'clientId';
export const META_NEXT_MUTATION_ID = 'nextMutationId';
export const META_PULL_CURSOR = 'pullCursor';
export const META_LAST_DELIVERY_AT = 'lastDeliveryAt';
export const META_UPDATE_REQUIRED = 'updateRequired';
export const META_SIGN_IN_REQUIRED = 'signInRequired';
