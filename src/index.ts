// The library API. The CLI (src/cli) is a thin layer over what is exported here.

export * from './dns/types.js';
export * from './engine/types.js';
export type { DomainFacts } from './engine/facts.js';
export { gatherDomainFacts } from './engine/gather.js';
export { runRules } from './engine/run-rules.js';
export { defineRule } from './engine/define-rule.js';
export { allRules } from '../rules/index.js';
