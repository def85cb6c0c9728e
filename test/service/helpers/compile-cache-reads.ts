// What Node's compile cache says it did (NODE_DEBUG_NATIVE=COMPILE_CACHE). Node's debug writes come from
// every thread (the main one and workers such as pino's transport), so lines tear: a read's outcome
// ("... success, size=N") can land on another line, inside another message, or be lost to the reader.
// Reads and their outcomes are therefore not paired here. A module compiled from source shows itself
// twice, each time in one whole message: V8's verdict on it is not "accepted", and at exit Node writes
// a new cache entry for it ("writing cache for …"); a module served from the cache shows neither.
const PREFIX = '[compile cache] ';
const VERDICT = /^V8 code cache for \S+ (.+?) was (accepted|[a-z ]+?)(?:,|\n|$)/;
const WRITTEN = /^writing cache for \S+ (.+?) to temporary file /;

function messages(stderr: readonly string[]): string[] {
  return stderr.join('\n').split(PREFIX).slice(1);
}

/** Modules V8 took from the cache. */
export function cacheHits(stderr: readonly string[]): string[] {
  const hits = new Set<string>();
  for (const message of messages(stderr)) {
    const verdict = VERDICT.exec(message);
    if (verdict?.[2] === 'accepted') hits.add(verdict[1] as string);
  }
  return [...hits];
}

/** Modules compiled from source, in the order first seen. */
export function cacheMisses(stderr: readonly string[], except: (file: string) => boolean = () => false) {
  const misses = new Set<string>();
  for (const message of messages(stderr)) {
    const verdict = VERDICT.exec(message);
    const file = verdict && verdict[2] !== 'accepted' ? verdict[1] : WRITTEN.exec(message)?.[1];
    if (file !== undefined && !except(file)) misses.add(file);
  }
  return [...misses];
}
