import type { Hono } from 'hono';
import type { Log } from '../../log';
import type { Store } from '../../store/store';
import { registerAskInformation } from './ask-information';
import { registerCorrectFields } from './correct-fields';
import { registerDecideAmendment } from './decide-amendment';
import { registerGetRecord } from './get-record';
import { registerSetStatus } from './set-status';
import { staffAuth } from './staff-auth';

/** The caseworker API: the same merge and ownership rules as a phone's push, from the office's side. */
export function registerStaff(app: Hono, store: Store, log: Log, token: string | undefined): void {
  app.use('/api/staff/*', staffAuth(token));
  registerGetRecord(app, store, log);
  registerSetStatus(app, store, log);
  registerAskInformation(app, store, log);
  registerCorrectFields(app, store, log);
  registerDecideAmendment(app, store, log);
}
