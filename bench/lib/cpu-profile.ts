import { readFileSync } from 'node:fs';

// Reads a .cpuprofile (node --cpu-prof) and prints where the CPU went: self time per package or source
// file and per function, and the service's own functions with their callees (inclusive time). A window
// keeps only the samples of a phase, counted back from the profile's end (the process exits right after
// the phase, so its start-up stays out).

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  endTime: number;
}

export interface ReportOptions {
  /** Only samples taken between these many ms before the profile's end (from, to; from > to). */
  window?: { fromMsBeforeEnd: number; toMsBeforeEnd: number } | undefined;
  /** Divide the times by this (e.g. the number of requests) and print ms per unit. */
  per?: { count: number; label: string } | undefined;
}

function where(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const own = /\/(dist|src)\/(.+)$/.exec(url)?.[2];
  if (own) return own.replace(/\.js$/, '.ts');
  return url === '' ? '(native/gc)' : url.replace(/^node:/, 'node:');
}

const isOwn = (url: string) => /\/(dist|src)\//.test(url) && !url.includes('node_modules');

export function report(file: string, options: ReportOptions = {}): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  const ownInclusive = new Map<string, number>();
  const name = (frame: ProfileNode['callFrame']) =>
    `${frame.functionName || '(anonymous)'} ${where(frame.url)}:${frame.lineNumber + 1}`;
  const from = options.window ? profile.endTime - options.window.fromMsBeforeEnd * 1000 : -Infinity;
  const to = options.window ? profile.endTime - options.window.toMsBeforeEnd * 1000 : Infinity;
  const totalDelta = profile.timeDeltas.reduce((a, b) => a + b, 0);
  let at = profile.endTime - totalDelta;
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (at < from || at > to) return;
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    if (frame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    total += dt;
    byFunction.set(name(frame), (byFunction.get(name(frame)) ?? 0) + dt);
    byPlace.set(where(frame.url), (byPlace.get(where(frame.url)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = nodes.get(n)?.callFrame;
      if (!f || !isOwn(f.url)) continue;
      const key = name(f);
      if (seen.has(key)) continue;
      seen.add(key);
      ownInclusive.set(key, (ownInclusive.get(key) ?? 0) + dt);
    }
  });
  const per = options.per;
  const amount = (t: number) =>
    per === undefined
      ? `${((t / total) * 100).toFixed(1).padStart(5)}%`
      : `${(t / 1000 / per.count).toFixed(3).padStart(7)} ms`;
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, t]) => `${amount(t)}  ${key}`)
      .join('\n');
  const unit = per === undefined ? 'shares are of busy time' : `times are ms per ${per.label}`;
  console.log(
    `${file}\nbusy ${(total / 1e6).toFixed(2)} s, idle ${(idle / 1e6).toFixed(2)} s; ${unit}` +
      (per === undefined ? '' : `; busy ${(total / 1000 / per.count).toFixed(2)} ms per ${per.label}`) +
      '\n',
  );
  console.log(`By package / source file:\n${top(byPlace, 25)}\n`);
  console.log(`By function (self time):\n${top(byFunction, 40)}\n`);
  console.log(`The service's own functions, with their callees:\n${top(ownInclusive, 40)}`);
}
