import type { Rule } from '../../src/engine/types.js';
import dnsLookupIndeterminate from './dns-lookup-indeterminate.js';

export const dnsRules: Rule[] = [dnsLookupIndeterminate];
