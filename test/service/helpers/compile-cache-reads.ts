// What Node's compile cache says it read (NODE_DEBUG_NATIVE=COMPILE_CACHE), one entry per module. Node
// prints "reading cache from … for KIND FILE..." and the outcome ("[…]... success, size=N", "no such file
// or directory", a mismatch) in two writes; while modules load side by side another message can land in
// between, leaving the outcome on a later line of its own. Outcomes are matched back to their reads here,
// in order, so a torn line is not taken for a miss, and a read without any outcome counts as one.
const PREFIX = '[compile cache] ';
const READING = /^reading cache from \S+ for \S+ (.+?)\.\.\.(.*)$/s;

export interface CacheRead {
  file: string;
  outcome: string;
}

export function compileCacheReads(stderr: readonly string[]): CacheRead[] {
  const reads: CacheRead[] = [];
  const waiting: CacheRead[] = [];
  for (const line of stderr) {
    const parts = line.split(PREFIX);
    // Text before the first prefix is the outcome of the oldest read still waiting for one.
    const orphan = parts.shift() ?? '';
    if (orphan.trim() !== '') {
      const read = waiting.shift();
      if (read) read.outcome = orphan.trim();
    }
    for (const message of parts) {
      const match = READING.exec(message);
      if (!match) continue;
      const read = { file: match[1] ?? '', outcome: (match[2] ?? '').trim() };
      reads.push(read);
      if (read.outcome === '') waiting.push(read);
    }
  }
  return reads;
}

/** Reads that found no usable cache: compiled from source. */
export function cacheMisses(stderr: readonly string[], except: (file: string) => boolean = () => false) {
  return compileCacheReads(stderr).filter((read) => !read.outcome.includes('success') && !except(read.file));
}
