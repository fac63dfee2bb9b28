// `maildns rules` and `maildns explain <id>`: the rules as a product, documented where they live.

import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { allRules } from '../../../rules/index.js';
import type { Rule, Severity } from '../../engine/types.js';
import { SEVERITY_RANK } from '../../engine/types.js';
import { packageFile } from '../../package-files.js';
import { UsageError, type CliIo } from '../io.js';
import { escapeText } from '../../report/escape.js';

/** A rule's default severity: the worst of its messages (what it can cost you). */
export function defaultSeverity(rule: Rule): Severity {
  return Object.values(rule.meta.messages).reduce<Severity>(
    (worst, m) => (SEVERITY_RANK[m.severity] > SEVERITY_RANK[worst] ? m.severity : worst),
    'info',
  );
}

export function ruleDocPath(rule: Rule): string | undefined {
  return packageFile(`rules/${rule.area}/${rule.id}.md`);
}

export function rulesCommand(io: CliIo): CommandModule<object, { format: string }> {
  return {
    command: 'rules',
    describe: 'List the rules: id, default severity, description',
    builder: (yargs) => yargs.option('format', { choices: ['text', 'json'], default: 'text' }) as never,
    handler: (argv) => {
      if (argv.format === 'json') {
        const list = allRules.map((r) => ({
          id: r.id,
          area: r.area,
          severity: defaultSeverity(r),
          description: r.meta.docs.description,
          references: r.meta.docs.references,
          messages: Object.fromEntries(Object.entries(r.meta.messages).map(([id, m]) => [id, m.severity])),
        }));
        io.stdout(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const width = Math.max(...allRules.map((r) => r.id.length));
      for (const rule of allRules) {
        io.stdout(`${rule.id.padEnd(width)}  ${defaultSeverity(rule).padEnd(7)}  ${rule.meta.docs.description}\n`);
      }
    },
  };
}

export function explainCommand(io: CliIo): CommandModule<object, { rule: string }> {
  return {
    command: 'explain <rule>',
    describe: "Print a rule's documentation",
    builder: (yargs) => yargs.positional('rule', { type: 'string', demandOption: true, description: 'Rule id' }) as never,
    handler: (argv) => {
      const rule = allRules.find((r) => r.id === argv.rule);
      if (!rule) throw new UsageError(`unknown rule "${escapeText(String(argv.rule))}" (maildns rules lists them)`);
      const path = ruleDocPath(rule);
      if (!path) throw new Error(`documentation for ${rule.id} is missing from the package`);
      io.stdout(readFileSync(path, 'utf8'));
    },
  };
}
