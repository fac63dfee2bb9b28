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
  const plan = planOf(rules, settings);
  // One context for the domain, pointed at each rule in turn (rules are synchronous): a context, a
  // report closure and an options object per rule per domain were a tenth of a batch's allocation.
  let step: RuleStep;
  const ctx: RuleContext = {
    domain: facts.domain,
    options: {},
    report: (input: ReportInput): void => {
      findings.push(toFinding(step.rule, input, step.setting));
    },
  };
  for (step of plan.steps) {
    ctx.options = step.options;
    try {
      step.rule.check(facts, ctx);
    } catch (error) {
      // A rule bug must not hide the domain's other findings; it is reported as indeterminate.
      findings.push({
        ruleId: step.rule.id,
        messageId: 'ruleCrashed',
        severity: 'error',
        message: `Rule "${step.rule.id}" failed: ${(error as Error).message}`,
        subject: { name: facts.domain },
        data: { error: String((error as Error).message) },
        evidence: [],
        indeterminate: true,
      });
    }
  }
  return { findings, rulesRun: plan.rulesRun };
}

/** A rule that runs, with its setting and its options (defaults overlaid with the configured ones, frozen). */
interface RuleStep {
  rule: Rule;
  setting: RuleSetting;
  options: Readonly<Record<string, unknown>>;
}

interface RulePlan {
  settings: RuleSettings;
  steps: readonly RuleStep[];
  /** The ids of the rules that run, sorted; one frozen array for every domain (renderJsonLine writes its JSON once). */
  rulesRun: readonly string[];
}

/**
 * What runs, worked out once per rule list and settings object rather than once per domain: per
 * domain, a settings look-up and an options look-up for each of ~58 rules was most of runRules' own
 * time. A run's settings do not change while it runs.
 */
const plans = new WeakMap<readonly Rule[], RulePlan>();

function planOf(rules: readonly Rule[], settings: RuleSettings): RulePlan {
  const cached = plans.get(rules);
  if (cached && cached.settings === settings) return cached;
  const steps: RuleStep[] = [];
  for (const rule of rules) {
    const setting = settings[rule.id] ?? NO_SETTING;
    if (setting.severity === 'off') continue;
    steps.push({ rule, setting, options: Object.freeze({ ...(rule.meta.defaultOptions ?? {}), ...(setting.options ?? {}) }) });
  }
  const rulesRun = Object.freeze(steps.map((step) => step.rule.id).sort());
  const plan: RulePlan = { settings, steps, rulesRun };
  plans.set(rules, plan);
  return plan;
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
