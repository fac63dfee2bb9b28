// `maildns spf <domain>`: the static SPF analysis (lookup figures, tree, findings).
// `maildns spf --ip ADDR [--sender] [--helo]`: check_host() for one client, with its trace.

import type { Argv, CommandModule } from 'yargs';
import { allRules } from '../../../rules/index.js';
import { loadConfig, ruleSettingsOf } from '../../engine/config.js';
import { EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK, failsAt } from '../../engine/outcome.js';
import type { FailOn } from '../../engine/types.js';
import { notADomainName, toQueryName } from '../../engine/domain-names.js';
import { analyseSpf } from '../../spf/analyse-domain.js';
import { checkHost } from '../../spf/check-host.js';
import { parseIp } from '../../spf/ip.js';
import { renderCheckHost, renderSpfAnalysis } from '../../spf/render.js';
import { createResolver, withResolverFlags, type ResolverFlags } from '../resolver-flags.js';
import { UsageError, type CliIo } from '../io.js';
import { escapeText } from '../../report/escape.js';
import { FAIL_ON } from './check.js';

interface SpfArgs extends ResolverFlags {
  domain?: string;
  ip?: string;
  sender?: string;
  helo?: string;
  receiver?: string;
  'default-explanation'?: string;
  format: 'text' | 'json';
  'fail-on'?: FailOn;
  config?: string;
}

export function spfCommand(io: CliIo, setExitCode: (code: number) => void): CommandModule<object, SpfArgs> {
  return {
    command: 'spf [domain]',
    describe: 'Analyse a domain\'s SPF tree (lookups, void lookups, findings), or evaluate check_host() for an IP with --ip',
    builder: (yargs) =>
      withResolverFlags(yargs as Argv<object>)
        .positional('domain', { type: 'string', description: 'Domain whose SPF to analyse (with --ip: the MAIL FROM domain if --sender is absent)' })
        .option('ip', { type: 'string', description: 'Evaluate check_host() for this client IP (RFC 7208 §4)' })
        .option('sender', { type: 'string', description: 'MAIL FROM address (empty: check the HELO identity)' })
        .option('helo', { type: 'string', description: 'HELO/EHLO name' })
        .option('receiver', { type: 'string', description: 'Receiving host, the %{r} macro (default "unknown")' })
        .option('default-explanation', { type: 'string', description: 'Explanation for fail when the record has no exp=' })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, description: 'Output format' })
        .option('fail-on', { choices: FAIL_ON, description: 'Analysis: exit 1 when a finding is at or above this severity (default error, or the config\'s failOn)' })
        .option('config', { type: 'string', description: 'Config file (nameservers, timeouts, rule settings)' })
        .example('$0 spf example.com --format json', 'Worst-case lookups and void lookups of example.com, with findings')
        .example('$0 spf --ip 192.0.2.5 --sender user@example.com --helo mail.example.com', 'What a receiver would decide') as unknown as Argv<SpfArgs>,
    handler: async (argv) => {
      const { config } = await loadConfig(argv.config, allRules);
      const resolver = await createResolver(argv, config, io.stderr);
      try {
        if (argv.ip !== undefined) {
          // check_host()'s result is the output, not a lint verdict: there is nothing to fail on.
          if (argv['fail-on'] !== undefined) throw new UsageError('--fail-on applies to the analysis; with --ip the SPF result is the output');
          await runCheckHost(argv, io, setExitCode, resolver);
        } else {
          const domain = argv.domain === undefined ? undefined : toQueryName(argv.domain);
          if (!domain) throw new UsageError(argv.domain === undefined ? 'name a domain, or give --ip to evaluate check_host()' : notADomainName(argv.domain));
          const analysis = await analyseSpf(domain, { resolver, ruleSettings: ruleSettingsOf(config) });
          io.stdout(argv.format === 'json' ? `${JSON.stringify(analysis, null, 2)}\n` : renderSpfAnalysis(analysis));
          const failOn: FailOn = argv['fail-on'] ?? config.failOn ?? 'error';
          setExitCode(analysis.indeterminate ? EXIT_INCOMPLETE : analysis.findings.some((f) => failsAt(f, failOn)) ? EXIT_FINDINGS : EXIT_OK);
        }
      } finally {
        await resolver.close?.();
      }
    },
  };
}

async function runCheckHost(argv: SpfArgs, io: CliIo, setExitCode: (code: number) => void, resolver: Awaited<ReturnType<typeof createResolver>>): Promise<void> {
  const ip = argv.ip ?? '';
  if (!parseIp(ip)) throw new UsageError(`--ip: "${escapeText(ip)}" is not an IPv4 or IPv6 address`);
  const sender = argv.sender ?? (argv.domain ? `postmaster@${argv.domain}` : '');
  const helo = argv.helo ?? '';
  if (sender === '' && helo === '') throw new UsageError('--ip needs --sender, --helo or a domain to check');
  const receiver = argv.receiver ?? 'unknown';
  const options = { resolver, receiver, ...(argv['default-explanation'] !== undefined ? { defaultExplanation: argv['default-explanation'] } : {}) };
  const result = await checkHost({ ip, sender, helo }, options);
  io.stdout(argv.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderCheckHost(result, helo, receiver, sender));
  // The SPF result is the output, not a lint verdict; only a result we could not determine is "incomplete".
  setExitCode(result.result === 'temperror' ? EXIT_INCOMPLETE : EXIT_OK);
}
