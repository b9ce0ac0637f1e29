// Where the page keeps the profiles of a shared phone: idb-keyval's default store. Named once here
// because the service worker reads the same keys to find whose outbox to send when no page is open.

/** idb-keyval's default database and object store (`createStore('keyval-store', 'keyval')`). */
export const KEYVAL_DATABASE = 'keyval-store';
export const KEYVAL_STORE = 'keyval';

/** The list of profiles ({ id, label }[]). */
export const PROFILES_KEY = 'profiles';
/** The id of the profile the phone last opened. */
export const ACTIVE_PROFILE_KEY = 'activeProfile';
