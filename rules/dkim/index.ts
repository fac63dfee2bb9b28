import type { Rule } from '../../src/engine/types.js';
import dkimCnameAndTxt from './dkim-cname-and-txt.js';
import dkimKeyRevoked from './dkim-key-revoked.js';
import dkimKeyStrength from './dkim-key-strength.js';
import dkimKeyTypeMismatch from './dkim-key-type-mismatch.js';
import dkimMultipleRecords from './dkim-multiple-records.js';
import dkimRecordInvalid from './dkim-record-invalid.js';
import dkimSelectorMissing from './dkim-selector-missing.js';
import dkimSha1Only from './dkim-sha1-only.js';
import dkimTestingMode from './dkim-testing-mode.js';

export const dkimRules: Rule[] = [
  dkimCnameAndTxt,
  dkimKeyRevoked,
  dkimKeyStrength,
  dkimKeyTypeMismatch,
  dkimMultipleRecords,
  dkimRecordInvalid,
  dkimSelectorMissing,
  dkimSha1Only,
  dkimTestingMode,
];
