/** A cursor this store never issued (e.g. one from the other backend); the client should restart from ''. */
export class InvalidCursorError extends Error {
  constructor() {
    super('cursor.invalid');
    this.name = 'InvalidCursorError';
  }
}
