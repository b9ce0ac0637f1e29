import type { Auth } from '../auth';
import type { Log } from '../log';
import type { Store } from '../store/store';

/** What the record routes need: the sync store, the log, and sign-in (sessions, audit). */
export interface RouteDeps {
  readonly store: Store;
  readonly log: Log;
  readonly auth: Auth;
}
