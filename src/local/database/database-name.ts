// Its own file so the page can name databases without pulling Dexie into the main-thread bundle.
export const DATABASE_NAME = 'lastivka';
