import type { Hono } from 'hono';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import type { Store } from '../store/store';

export function registerHealth(app: Hono, store: Store): void {
  app.get('/api/health', (c) =>
    c.json({ status: 'ok', protocolVersion: PROTOCOL_VERSION, store: store.kind }),
  );
}
