import type { Session, User } from '../identity-store';

export interface AuthContext {
  readonly user: User;
  readonly session: Session;
}

/** Hono typing for routes behind requireUser: `c.get('auth')` is the signed-in user and session. */
export interface AuthEnv {
  Variables: { auth: AuthContext };
}
