import { signal } from '@preact/signals';
import { StaffApiError, staffFetch } from './staff-api';

export interface StaffUser {
  readonly kind: string;
  readonly login?: string;
  readonly oblasts?: readonly string[];
}

/** undefined while loading; null when nobody is signed in. */
export const staffUser = signal<StaffUser | null | undefined>(undefined);

export async function loadStaffSession(): Promise<void> {
  try {
    const { user } = await staffFetch<{ user: StaffUser }>('/api/auth/me');
    staffUser.value = user.kind === 'caseworker' || user.kind === 'admin' ? user : null;
  } catch (error) {
    if (error instanceof StaffApiError && error.status === 401) staffUser.value = null;
    else throw error;
  }
}

export async function staffSignIn(login: string, password: string): Promise<void> {
  const { user } = await staffFetch<{ user: StaffUser }>('/api/auth/staff/login', {
    method: 'POST',
    body: { login, password },
  });
  staffUser.value = user;
}

export async function staffSignOut(): Promise<void> {
  await staffFetch('/api/auth/logout', { method: 'POST', body: {} });
  staffUser.value = null;
}
