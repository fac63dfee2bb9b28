// Summarise a V8 .cpuprofile (node --cpu-prof): self time by function and by file or package, so a
// profile can be read without a GUI. Usage: node --import tsx bench/summarise-profile.ts FILE [TOP]

import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: Array<[string, number]>;
  byPlace: Array<[string, number]>;
}

/** Where a frame lives: the npm package, the project file, or node's own internals. */
function placeOf(url: string): string {
  if (url === '') return '(native/V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm:${pkg[1]}`;
  if (url.startsWith('node:')) return url.split('/')[0]!.replace(/^node:internal.*/, 'node:internal');
  const own = /\/(dist\/)?((?:src|rules|bench)\/.*)$/.exec(url);
  return own ? own[2]! : url;
}

export function summariseProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const place = placeOf(frame.url);
    const name = `${frame.functionName || '(anonymous)'} ${place}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
    total += us;
  }
  const sorted = (m: Map<string, number>): Array<[string, number]> =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => [k, us / 1000]);
  return { totalMs: total / 1000, byFunction: sorted(byFunction), byPlace: sorted(byPlace) };
}

export function formatSummary(summary: ProfileSummary): string {
  const pct = (ms: number): string => `${((100 * ms) / summary.totalMs).toFixed(1).padStart(5)} %`;
  const rows = (list: Array<[string, number]>): string => list.map(([k, ms]) => `${pct(ms)} ${ms.toFixed(0).padStart(7)} ms  ${k}`).join('\n');
  return `total sampled: ${summary.totalMs.toFixed(0)} ms\n\nself time by file or package:\n${rows(summary.byPlace)}\n\nself time by function:\n${rows(summary.byFunction)}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error('usage: summarise-profile.ts FILE.cpuprofile [TOP]');
  process.stdout.write(formatSummary(summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top ?? 25))));
}
