// Writes to one binding from this process run one after another, so a second caller plans from the state
// the first one left (its If-None-Match: * then fails honestly) instead of from the same stale read.
// Another instance can still interleave; the read-back check after PutCname catches that case.
export class DomainLock {
  readonly #tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.#tails.get(key) ?? Promise.resolve();
    const result = before.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
