/**
 * Runs work for one hash strictly one after another in this process, so two requests for the same
 * upload (a lost answer and its retry) cannot both read the same offset and both write at it.
 * Work for different hashes runs in parallel. A failed run does not stop the ones queued after it.
 */
export function createPerHashQueue(): <T>(sha256: string, work: () => Promise<T>) => Promise<T> {
  const queues = new Map<string, Promise<unknown>>();
  return <T>(sha256: string, work: () => Promise<T>): Promise<T> => {
    const previous = queues.get(sha256) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    queues.set(sha256, settled);
    // The map holds only hashes with work pending, so it does not grow with every photo ever sent.
    void settled.then(() => {
      if (queues.get(sha256) === settled) queues.delete(sha256);
    });
    return next;
  };
}
