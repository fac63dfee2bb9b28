import type { RecordingResolver } from '../engine/gather.js';
import type { DkimSelectorFacts } from './facts.js';

export async function gatherDkim(
  domain: string,
  selectors: readonly string[],
  dns: RecordingResolver,
): Promise<DkimSelectorFacts[]> {
  return Promise.all(
    [...new Set(selectors)].sort().map(async (selector) => ({
      selector,
      lookup: await dns.lookup(`${selector}._domainkey.${domain}`, 'TXT'),
    })),
  );
}
