// What several servers of one zone said about each RRset, and where they disagree. Used by drift's
// DNS sources and by `check --authoritative`.

import { keyOf } from './record-sets.js';
import type { Observation } from './sources.js';

export interface ServerView {
  server: string;
  /** Normalised values, sorted; empty when the server has nothing at that name and type. */
  values: string[];
}

export interface ServerDisagreement {
  name: string;
  type: string;
  views: ServerView[];
}

/**
 * For each key ("name:TYPE"), the views of the servers that gave a usable answer; `compared` counts
 * the keys at least two servers answered, `disagreements` those where they differ.
 */
export function compareServers(observations: readonly Observation[], keys: ReadonlySet<string>): { compared: number; disagreements: ServerDisagreement[] } {
  let compared = 0;
  const disagreements: ServerDisagreement[] = [];
  if (observations.length < 2) return { compared, disagreements };
  for (const key of [...keys].sort()) {
    const views = observations
      .filter((o) => !o.indeterminate.has(key))
      .map((o) => ({ server: o.server, values: o.sets.find((s) => keyOf(s.name, s.type) === key)?.values ?? [] }));
    if (views.length < 2) continue;
    compared += 1;
    if (new Set(views.map((v) => JSON.stringify(v.values))).size < 2) continue;
    const at = key.lastIndexOf(':');
    disagreements.push({ name: key.slice(0, at), type: key.slice(at + 1), views });
  }
  return { compared, disagreements };
}
