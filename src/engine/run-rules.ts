// Runs rules over one domain's facts and turns their reports into findings.

import { formatMessage } from './define-rule.js';
import type { DomainFacts } from './facts.js';
import type { Finding, ReportInput, Rule, RuleContext, Severity } from './types.js';

/** Per-rule settings after config: severity override ("off" disables), and options. */
export interface RuleSetting {
  severity?: Severity | 'off';
  options?: Record<string, unknown>;
}

export type RuleSettings = Record<string, RuleSetting>;

export interface RuleRunResult {
  findings: Finding[];
  /** Shared by every domain checked with the same rules and settings, hence frozen. */
  rulesRun: readonly string[];
}

const NO_SETTING: RuleSetting = Object.freeze({});
const NO_SETTINGS: RuleSettings = Object.freeze({});

export function runRules(rules: readonly Rule[], facts: DomainFacts, settings: RuleSettings = NO_SETTINGS): RuleRunResult {
  const findings: Finding[] = [];
  // One context for the domain, pointed at each rule in turn (rules are synchronous): a context, a
  // report closure and an options object per rule per domain were a tenth of a batch's allocation.
  let rule: Rule;
  let setting: RuleSetting;
  const ctx: RuleContext = {
    domain: facts.domain,
    options: {},
    report: (input: ReportInput): void => {
      findings.push(toFinding(rule, input, setting));
    },
  };
  for (rule of rules) {
    setting = settings[rule.id] ?? NO_SETTING;
    if (setting.severity === 'off') continue;
    ctx.options = optionsFor(rule, setting);
    try {
      rule.check(facts, ctx);
    } catch (error) {
      // A rule bug must not hide the domain's other findings; it is reported as indeterminate.
      findings.push({
        ruleId: rule.id,
        messageId: 'ruleCrashed',
        severity: 'error',
        message: `Rule "${rule.id}" failed: ${(error as Error).message}`,
        subject: { name: facts.domain },
        data: { error: String((error as Error).message) },
        evidence: [],
        indeterminate: true,
      });
    }
  }
  return { findings, rulesRun: rulesRunOf(rules, settings) };
}

/**
 * The ids of the rules that run, sorted: worked out once per rule list and settings object rather than
 * once per domain, and one array for every domain (the JSON line renderer then writes it once too).
 */
const rulesRunByList = new WeakMap<readonly Rule[], { settings: RuleSettings; ids: readonly string[] }>();

function rulesRunOf(rules: readonly Rule[], settings: RuleSettings): readonly string[] {
  const cached = rulesRunByList.get(rules);
  if (cached && cached.settings === settings) return cached.ids;
  const ids = Object.freeze(rules.map((r) => r.id).sort().filter((id) => settings[id]?.severity !== 'off'));
  rulesRunByList.set(rules, { settings, ids });
  return ids;
}

/**
 * A rule's options: its defaults overlaid with the configured ones, merged once per rule and
 * configured object rather than once per domain, and frozen because every domain's check shares them.
 */
const mergedOptions = new WeakMap<Rule, { from: RuleSetting['options']; options: Readonly<Record<string, unknown>> }>();

function optionsFor(rule: Rule, setting: RuleSetting): Record<string, unknown> {
  const cached = mergedOptions.get(rule);
  if (cached && cached.from === setting.options) return cached.options;
  const options = Object.freeze({ ...(rule.meta.defaultOptions ?? {}), ...(setting.options ?? {}) });
  mergedOptions.set(rule, { from: setting.options, options });
  return options;
}

function toFinding(rule: Rule, input: ReportInput, setting: RuleSetting): Finding {
  const message = rule.meta.messages[input.messageId];
  if (!message) throw new Error(`rule ${rule.id} reported unknown messageId "${input.messageId}"`);
  const data = input.data ?? {};
  // A severity override applies to the rule's problem messages; positive `info` results stay info.
  const severity: Severity =
    setting.severity && setting.severity !== 'off' && message.severity !== 'info' ? setting.severity : message.severity;
  const finding: Finding = {
    ruleId: rule.id,
    messageId: input.messageId,
    severity,
    message: formatMessage(message.text, data),
    subject: input.subject,
    data,
    evidence: input.evidence ?? [],
  };
  if (message.fix) finding.fix = formatMessage(message.fix, data);
  if (input.indeterminate) finding.indeterminate = true;
  return finding;
}
