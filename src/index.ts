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
export { checkDomains, checkDomain, type CheckOptions } from './engine/check.js';
export { exitCodeFor, domainStatus, EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INCOMPLETE } from './engine/outcome.js';
export { loadConfig, validateConfig, ConfigError, type Config } from './engine/config.js';
export { parseZoneFile, ZoneFileError, type ParsedZone } from './dns/zone-file.js';
export { ZoneResolver } from './dns/zone-resolver.js';
export { renderText } from './report/render-text.js';
export { renderMarkdown } from './report/render-markdown.js';
export { renderJson, renderJsonLine } from './report/render-json.js';
export { renderJunit } from './report/render-junit.js';
export { parseDkimKeyRecord, readKey as readDkimKey, type DkimKeyRecordResult, type DkimKeyRecord, type DkimPublicKey, type DkimProblem } from './dkim/parse-key-record.js';
export type { DkimSelectorFacts, DkimRecordFacts } from './dkim/facts.js';
export { parseDmarcRecord, type DmarcParseResult, type DmarcRecord, type DmarcProblem, type DmarcPolicy } from './dmarc/parse-record.js';
export { parseReportUri, type DmarcUri } from './dmarc/parse-uri.js';
export { walkTargets as dmarcWalkTargets, selectOrgDomain as selectDmarcOrgDomain } from './dmarc/tree-walk.js';
export type { DmarcFacts, DmarcPolicyFacts, DmarcReportDestination } from './dmarc/facts.js';
export type { MxFacts, MxHostFacts } from './engine/mx-facts.js';

// SPF: parser, check_host() evaluator and static analysis.
export { parseSpf, isSpfRecordText } from './spf/parse.js';
export { printSpf } from './spf/print.js';
export { checkHost, DEFAULT_EXPLANATION, type CheckHostInput, type CheckHostOptions } from './spf/check-host.js';
export { analyseSpf, type AnalyseSpfOptions, type SpfAnalysis } from './spf/analyse-domain.js';
export type * from './spf/ast.js';
export type { CheckHostResult, SpfResult, SpfTraceStep, SpfQuery } from './spf/result.js';
export type { SpfFacts, SpfNode, SpfTermNode, SpfVoid, VoidCounts, VoidReading, LookupSummary } from './spf/facts.js';
