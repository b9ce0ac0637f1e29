import { apiFetch } from '../api/api-fetch';
import { sessionUser } from './session-model';

/**
 * Ends every session of the account, this phone's too (for a phone lost or taken); answers how many
 * ended. Unsent items stay queued here and go after the next sign-in, as after signing out. Apart
 * from session-model so it travels with the sign-in page's chunk, not the first load.
 */
export async function signOutEverywhere(): Promise<number> {
  const { sessionsEnded } = await apiFetch<{ sessionsEnded: number }>('/api/auth/sessions/revoke-all', {
    method: 'POST',
    body: {},
  });
  sessionUser.value = null;
  return sessionsEnded;
}
