import type { Rule } from '../../src/engine/types.js';
import sesByodkimKey from './ses-byodkim-key.js';
import sesDkimCname from './ses-dkim-cname.js';
import sesDkimStaleCname from './ses-dkim-stale-cname.js';
import sesDmarcAlignment from './ses-dmarc-alignment.js';
import sesIdentityStatus from './ses-identity-status.js';
import sesMailFromMx from './ses-mail-from-mx.js';
import sesMailFromSpf from './ses-mail-from-spf.js';
import sesSenderNullMx from './ses-sender-null-mx.js';
import sesSoaMismatch from './ses-soa-mismatch.js';

export const sesRules: Rule[] = [
  sesByodkimKey,
  sesDkimCname,
  sesDkimStaleCname,
  sesDmarcAlignment,
  sesIdentityStatus,
  sesMailFromMx,
  sesMailFromSpf,
  sesSenderNullMx,
  sesSoaMismatch,
];
