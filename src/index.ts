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
