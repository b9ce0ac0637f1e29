// Pages, the data worker and the service worker each hold their own view of the database; a
// BroadcastChannel tells all of them that something changed, whoever wrote it.
export const CHANGE_CHANNEL = 'lastivka-data';

export interface ChangeNotice {
  readonly type: 'records-changed' | 'sync-status-changed';
}

export function announceChange(notice: ChangeNotice): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANGE_CHANNEL);
  channel.postMessage(notice);
  channel.close();
}
