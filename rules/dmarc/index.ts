import type { Rule } from '../../src/engine/types.js';
import dmarcAspfStrict from './dmarc-aspf-strict.js';
import dmarcExternalReportUnauthorised from './dmarc-external-report-unauthorised.js';
import dmarcHistoricTags from './dmarc-historic-tags.js';
import dmarcInvalidTagValue from './dmarc-invalid-tag-value.js';
import dmarcMissing from './dmarc-missing.js';
import dmarcMultipleRecords from './dmarc-multiple-records.js';
import dmarcPctPartial from './dmarc-pct-partial.js';
import dmarcPolicyNone from './dmarc-policy-none.js';
import dmarcRecordMalformed from './dmarc-record-malformed.js';
import dmarcReportUriInvalid from './dmarc-report-uri-invalid.js';
import dmarcSubdomainPolicyWeaker from './dmarc-subdomain-policy-weaker.js';

export const dmarcRules: Rule[] = [
  dmarcAspfStrict,
  dmarcExternalReportUnauthorised,
  dmarcHistoricTags,
  dmarcInvalidTagValue,
  dmarcMissing,
  dmarcMultipleRecords,
  dmarcPctPartial,
  dmarcPolicyNone,
  dmarcRecordMalformed,
  dmarcReportUriInvalid,
  dmarcSubdomainPolicyWeaker,
];
