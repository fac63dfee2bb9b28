import type { Rule } from '../../src/engine/types.js';
import sesByodkimKey from './ses-byodkim-key.js';
import sesDkimCname from './ses-dkim-cname.js';
import sesIdentityStatus from './ses-identity-status.js';

export const sesRules: Rule[] = [sesByodkimKey, sesDkimCname, sesIdentityStatus];
