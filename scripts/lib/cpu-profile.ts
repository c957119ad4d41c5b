/** Where a page's main thread spends its time, from a V8 CPU profile (Chrome DevTools Protocol). */

/** The parts of `Profiler.Profile` this reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface HotFunction {
  /** `name (file:line)`, or V8's own label for idle, GC and program time. */
  name: string;
  selfMs: number;
  share: number;
}

/** Functions by self time, most first: each sample's interval goes to the node it was taken in. */
export function hotFunctions(profile: CpuProfile, top = 15): HotFunction[] {
  const label = new Map<number, string>();
  for (const { id, callFrame: f } of profile.nodes) {
    const file = f.url.split('/').pop() ?? '';
    const name = f.functionName || '(anonymous)';
    label.set(id, file ? `${name} (${file}:${f.lineNumber + 1})` : name);
  }
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  samples.forEach((id, i) => {
    // timeDeltas[i] is the time since the previous sample: it belongs to sample i − 1's node.
    const us = deltas[i + 1] ?? 0;
    const name = label.get(id) ?? '(unknown)';
    self.set(name, (self.get(name) ?? 0) + us);
    total += us;
  });
  return [...self]
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: total > 0 ? us / total : 0 }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
}
