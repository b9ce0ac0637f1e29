/**
 * Drafts created by the form that is open right now. When the first autosave gives a new form its record
 * id, the address changes from `/…/new` to `/…/<id>`; the app keeps the same form mounted for such an id
 * instead of reloading it from the database in the middle of typing.
 */
export const adoptedDrafts = new Set<string>();
