/** The file was never fetched while online and the network is gone: the picker offers typing the address instead. */
export class KatottgNotAvailableOfflineError extends Error {
  constructor(readonly url: string) {
    super('katottg.notAvailableOffline');
    this.name = 'KatottgNotAvailableOfflineError';
  }
}

/** The server answered, but not with the file (404 after a bad deploy, 5xx): retrying later may help. */
export class KatottgLoadError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super('katottg.loadFailed');
    this.name = 'KatottgLoadError';
  }
}
