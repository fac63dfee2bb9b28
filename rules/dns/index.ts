import type { Rule } from '../../src/engine/types.js';
import dnsLookupIndeterminate from './dns-lookup-indeterminate.js';
import dnsServersDisagree from './dns-servers-disagree.js';

export const dnsRules: Rule[] = [dnsLookupIndeterminate, dnsServersDisagree];
