import type { Rule } from '../../src/engine/types.js';
import spfDuplicateModifier from './spf-duplicate-modifier.js';
import spfIncludeLoop from './spf-include-loop.js';
import spfIncludeWithoutSpf from './spf-include-without-spf.js';
import spfMissing from './spf-missing.js';
import spfMissingAll from './spf-missing-all.js';
import spfMultipleRecords from './spf-multiple-records.js';
import spfMxTooManyExchanges from './spf-mx-too-many-exchanges.js';
import spfPermissiveAll from './spf-permissive-all.js';
import spfPtrUsed from './spf-ptr-used.js';
import spfRecordSize from './spf-record-size.js';
import spfRedirectWithAll from './spf-redirect-with-all.js';
import spfSenderId from './spf-sender-id.js';
import spfSplitGluesTerms from './spf-split-glues-terms.js';
import spfSyntaxError from './spf-syntax-error.js';
import spfTermsAfterAll from './spf-terms-after-all.js';
import spfTooManyLookups from './spf-too-many-lookups.js';
import spfTooManyVoidLookups from './spf-too-many-void-lookups.js';
import spfType99 from './spf-type99.js';
import spfUnknownModifier from './spf-unknown-modifier.js';
import spfVersionGlued from './spf-version-glued.js';

export const spfRules: Rule[] = [
  spfDuplicateModifier, spfIncludeLoop, spfIncludeWithoutSpf, spfMissing, spfMissingAll, spfMultipleRecords,
  spfMxTooManyExchanges, spfPermissiveAll, spfPtrUsed, spfRecordSize, spfRedirectWithAll, spfSenderId,
  spfSplitGluesTerms, spfSyntaxError, spfTermsAfterAll, spfTooManyLookups, spfTooManyVoidLookups, spfType99,
  spfUnknownModifier, spfVersionGlued,
];
