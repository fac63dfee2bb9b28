import type { RecordingResolver } from '../engine/gather.js';
import type { DmarcFacts } from './facts.js';

export async function gatherDmarc(domain: string, dns: RecordingResolver): Promise<DmarcFacts> {
  return { lookup: await dns.lookup(`_dmarc.${domain}`, 'TXT') };
}
