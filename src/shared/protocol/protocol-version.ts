// Bump on every change to a message's shape; tests/unit/protocol-shape.test.ts fails until you do.
export const PROTOCOL_VERSION = 2;
