import { signal } from '@preact/signals';
import { ApiError, apiFetch } from '../api/api-fetch';
import { dataBridge } from '../data-bridge';

export interface SessionUser {
  readonly kind: 'citizen' | 'volunteer' | 'caseworker' | 'admin';
  readonly phoneMasked?: string;
}

/** undefined: not known yet (offline or loading); null: nobody is signed in. */
export const sessionUser = signal<SessionUser | null | undefined>(undefined);

export async function loadSession(): Promise<void> {
  try {
    const { user } = await apiFetch<{ user: SessionUser }>('/api/auth/me');
    sessionUser.value = user;
  } catch (error) {
    // Offline: keep what we knew; the phone keeps working and sends later.
    if (error instanceof ApiError && error.status === 401) sessionUser.value = null;
  }
}

export async function requestCode(phone: string): Promise<void> {
  await apiFetch('/api/auth/otp/request', { method: 'POST', body: { phone } });
}

export async function verifyCode(phone: string, code: string): Promise<void> {
  const { user } = await apiFetch<{ user: SessionUser }>('/api/auth/otp/verify', {
    method: 'POST',
    body: { phone, code },
  });
  sessionUser.value = user;
  // Whatever waited for the sign-in goes now.
  void dataBridge().syncNow();
}

export async function signOut(): Promise<void> {
  await apiFetch('/api/auth/logout', { method: 'POST', body: {} });
  sessionUser.value = null;
}
