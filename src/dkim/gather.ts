import { normaliseName } from '../dns/types.js';
import type { RecordingResolver } from '../engine/gather.js';
import type { DkimSelectorFacts } from './facts.js';
import { parsedKeyRecord } from './key-record-cache.js';

/** One TXT lookup per selector (CNAMEs followed), sorted by selector so output is deterministic. */
export async function gatherDkim(
  domain: string,
  selectors: readonly string[],
  dns: RecordingResolver,
): Promise<DkimSelectorFacts[]> {
  return Promise.all(
    [...new Set(selectors)].sort().map(async (selector): Promise<DkimSelectorFacts> => {
      const name = normaliseName(`${selector}._domainkey.${domain}`);
      const lookup = await dns.lookup(name, 'TXT');
      const records = lookup.records.map((record) => ({ value: record.value, parsed: parsedKeyRecord(record.value) }));
      const facts: DkimSelectorFacts = { selector, name, lookup, records };
      // A TXT answered at the name itself could still sit beside a CNAME; ask, so the conflict shows.
      if (lookup.status === 'answer' && lookup.cnames.length === 0) facts.cname = await dns.lookup(name, 'CNAME');
      return facts;
    }),
  );
}
