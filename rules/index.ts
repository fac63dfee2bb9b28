// The rule registry. Each area keeps its own list (rules/<area>/index.ts); a parity test checks that
// every rule file is registered and documented.

import type { Rule } from '../src/engine/types.js';
import { dnsRules } from './dns/index.js';
import { spfRules } from './spf/index.js';
import { dkimRules } from './dkim/index.js';
import { dmarcRules } from './dmarc/index.js';
import { mxRules } from './mx/index.js';
import { sesRules } from './ses/index.js';
import { byCodepoint } from '../src/order.js';

export const allRules: readonly Rule[] = [...dnsRules, ...spfRules, ...dkimRules, ...dmarcRules, ...mxRules, ...sesRules].sort(
  (a, b) => byCodepoint(a.id, b.id),
);
