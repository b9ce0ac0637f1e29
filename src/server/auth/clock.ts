/** The time source of the auth services; tests pass one they can move. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
