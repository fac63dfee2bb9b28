import type { Lookup } from '../dns/types.js';
import type { RecordingResolver } from '../engine/gather.js';
import type { SpfFacts } from './facts.js';

/** Placeholder until the SPF engine lands: selects the single v=spf1 record, walks nothing. */
export async function gatherSpf(_domain: string, txt: Lookup, _dns: RecordingResolver): Promise<SpfFacts | undefined> {
  const records = txt.records.filter((r) => /^v=spf1( |$)/i.test(r.value));
  const only = records.length === 1 ? records[0] : undefined;
  return only ? { record: only.value } : undefined;
}
