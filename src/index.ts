// The library API. The CLI (src/cli) is a thin layer over what is exported here.

export * from './dns/types.js';
export * from './engine/types.js';
export type { DomainFacts } from './engine/facts.js';
export { gatherDomainFacts } from './engine/gather.js';
export { runRules } from './engine/run-rules.js';
export { defineRule } from './engine/define-rule.js';
export { allRules } from '../rules/index.js';
export { StubResolver, DEFAULT_TIMEOUT_MS, DEFAULT_RETRIES, DEFAULT_MAX_IN_FLIGHT, MAX_CNAME_CHAIN } from './dns/stub-resolver.js';
export type { StubResolverOptions } from './dns/stub-resolver.js';
export { parseNameserver, readSystemNameservers, NameserverError, type Nameserver } from './dns/nameservers.js';
export { decodeRecord, decodeCharacterStrings, MalformedRecordError } from './dns/wire-records.js';
export { loadSesIdentities, parseIdentity, sesExpectations } from './sources/ses.js';
export type { SesIdentity, SesDkim, SesMailFrom, SesSoa, SesInventory, LoadSesOptions, SesExpectations } from './sources/ses.js';
export { loadRoute53Zone, route53Records } from './sources/route53.js';
export type { Route53Zone, Route53RecordSet, Route53Warning, LoadRoute53Options } from './sources/route53.js';
export { AwsSourceError, AWS_ERROR_EXIT_CODE, type AwsErrorKind } from './sources/aws-errors.js';
export { SES_REGIONS, dkimZoneForRegion, feedbackHostForRegion } from './sources/ses-regions.js';
export { diffRecordSets, type DiffOptions, type DiffResult } from './drift/compare.js';
export { toRecordSets, keyOf, normaliseValue } from './drift/record-sets.js';
export { mailScope } from './drift/mail-names.js';
export { driftDomains, type DriftOptions } from './drift/run-drift.js';
export { parseSourceSpec, sesRecordSets, DriftSourceError, type DriftResolvers, type SourceSpec } from './drift/sources.js';
export { createDriftResolvers } from './drift/resolvers.js';
export { renderDriftText } from './drift/render-text.js';
export { renderDriftMarkdown } from './drift/render-markdown.js';
export { renderDriftJson } from './drift/render-json.js';
export type { RecordSet, Difference, DriftNotice, DomainDrift, DriftReport, ChangeKind } from './drift/types.js';
