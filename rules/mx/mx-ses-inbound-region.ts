import { defineRule } from '../../src/engine/define-rule.js';
import { evidenceOf } from '../../src/engine/evidence.js';
import { sesInboundRegion } from '../../src/engine/mx-facts.js';
import { SES_RECEIVING_REGIONS } from './_ses-receiving-regions.js';

interface KnownRegions {
  known: ReadonlySet<string>;
  /** The list as the warning prints it. */
  knownText: string;
}

/**
 * The regions known to receive, worked out once per (frozen) options object: runRules hands every domain the
 * same frozen options, and building the set (and sorting it for the message) per domain showed in
 * batch profiles.
 */
const knownByOptions = new WeakMap<object, KnownRegions>();

function regionsFor(options: Readonly<Record<string, unknown>>): KnownRegions {
  let regions = knownByOptions.get(options);
  if (!regions) {
    const known = new Set([...SES_RECEIVING_REGIONS, ...((options.additionalRegions as string[] | undefined) ?? [])]);
    regions = { known, knownText: [...known].sort().join(', ') };
    // Only a frozen options object cannot change under the cache (runRules freezes the ones it hands out).
    if (Object.isFrozen(options)) knownByOptions.set(options, regions);
  }
  return regions;
}

export default defineRule({
  id: 'mx-ses-inbound-region',
  area: 'mx',
  meta: {
    docs: {
      description: 'An SES receiving MX must name a region where SES receives mail',
      references: ['SES developer guide: receiving-email-mx-record, regions (Email receiving)'],
    },
    messages: {
      unknownRegion: {
        severity: 'warning',
        text: 'MX "{{exchange}}" of "{{domain}}" points at SES receiving in "{{region}}", which is not a region known to receive mail ({{known}}).',
        fix: 'Use "MX 10 inbound-smtp.<region>.amazonaws.com." for the region of your SES receipt rule set; if AWS has added "{{region}}", list it in this rule\'s additionalRegions option.',
      },
      sesInbound: {
        severity: 'info',
        text: 'MX "{{exchange}}" of "{{domain}}" delivers to SES receiving in "{{region}}".',
      },
    },
    optionsSchema: {
      type: 'object',
      properties: { additionalRegions: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9-]+$' } } },
      additionalProperties: false,
    },
    defaultOptions: { additionalRegions: [] },
  },
  check(facts, { report, domain, options }) {
    const { known, knownText } = regionsFor(options);
    for (const record of facts.mx.lookup.records) {
      const exchange = record.exchange ?? '';
      const region = sesInboundRegion(exchange);
      if (!region) continue;
      report({
        messageId: known.has(region) ? 'sesInbound' : 'unknownRegion',
        subject: { name: domain, type: 'MX', value: record.value, source: facts.mx.lookup.server },
        data: { domain, exchange, region, known: knownText },
        evidence: [evidenceOf(facts.mx.lookup)],
      });
    }
  },
});
