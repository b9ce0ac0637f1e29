// Web Lock names, taken by the data worker and by the service worker when it sends with no page open,
// so the two never send the same outbox or the same photo at once (the server would not duplicate
// anything, but the link would carry it twice). Their own file: the service worker imports the names
// without the sync code around them.

/** One pusher of the outbox at a time. */
export const SYNC_LOCK = 'lastivka-sync';

/** One photo uploader at a time (a thin link carries one stream best). */
export const PHOTO_UPLOAD_LOCK = 'lastivka-photo-upload';
