// `maildns drift <domain..> --declared SOURCE --observed SOURCE`: compare, print, exit code.
// Exit: 0 no drift (or --fail-on none); 1 drift with --fail-on drift; 2 usage; 3 something could not
// be read or asked (AWS failure, a lookup that timed out, a server that is not authoritative).

import type { Argv, CommandModule } from 'yargs';
import { EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK } from '../../engine/outcome.js';
import { notADomainName, toQueryName } from '../../engine/domain-names.js';
import { ZoneFileError } from '../../dns/zone-file.js';
import { NameserverError } from '../../dns/nameservers.js';
import { TRANSPORTS, type Transport } from '../../dns/stub-resolver.js';
import { driftDomains } from '../../drift/run-drift.js';
import { createDriftResolvers } from '../../drift/resolvers.js';
import { DriftSourceError, isDnsSource, parseSourceSpec } from '../../drift/sources.js';
import { renderDriftText } from '../../drift/render-text.js';
import { renderDriftMarkdown } from '../../drift/render-markdown.js';
import { renderDriftJson } from '../../drift/render-json.js';
import type { DriftReport } from '../../drift/types.js';
import { AwsSourceError } from '../../sources/aws-errors.js';
import { VERSION } from '../../version.js';
import { IncompleteRunError, UsageError, type CliIo } from '../io.js';
import { repeatable } from '../repeatable.js';
import { dkimSelectorFlag, regionFlag } from '../checked-flags.js';
import { resolverSettings } from '../resolver-flags.js';

export const DRIFT_FORMATS = ['text', 'markdown', 'json'] as const;
export const DRIFT_FAIL_ON = ['drift', 'none'] as const;

interface DriftArgs {
  domains?: string[];
  declared: string;
  observed: string;
  'dkim-selector'?: string[];
  region?: string[];
  nameserver?: string[];
  timeout?: number;
  retries?: number;
  transport?: Transport;
  format: (typeof DRIFT_FORMATS)[number];
  'fail-on': (typeof DRIFT_FAIL_ON)[number];
}

/** Notices that mean part of the comparison could not be made. */
const INCOMPLETE_NOTICES = new Set(['indeterminate', 'notAuthoritative']);

export function driftCommand(io: CliIo, setExitCode: (code: number) => void): CommandModule<object, DriftArgs> {
  return {
    command: 'drift <domains..>',
    describe: 'Compare the mail records a source declares with what another serves',
    builder: (yargs) =>
      (yargs as Argv<object>)
        .positional('domains', { type: 'string', array: true, description: 'Domains to compare' })
        .option('declared', {
          type: 'string', demandOption: true,
          description: 'What should be served: route53:<zone name or id>, zone:<file>, ses, ns:<host[:port]>[,…]',
        })
        .option('observed', {
          type: 'string', demandOption: true,
          description: 'What is served: ns:<host[:port]>[,…] (RD=0, exactly these), authoritative (each NS on its own), recursive, or a static source',
        })
        .option('dkim-selector', { ...repeatable, description: 'DKIM selector to compare as well (repeatable)' })
        .option('region', { ...repeatable, description: 'SES regions for the ses source (default AWS_REGION)' })
        .option('nameserver', { ...repeatable, description: 'Recursive resolver, IP[:PORT] (default /etc/resolv.conf)' })
        .option('timeout', { type: 'number', description: 'Milliseconds to wait for each DNS answer (default 2000)' })
        .option('retries', { type: 'number', description: 'Retries per question (default 2)' })
        .option('transport', { choices: TRANSPORTS, description: 'udp: UDP, TCP after truncation (default). tcp: every question over TCP' })
        .option('format', { choices: DRIFT_FORMATS, default: 'text' as const, description: 'Output format' })
        .option('fail-on', { choices: DRIFT_FAIL_ON, default: 'none' as const, description: 'Exit 1 on any difference with "drift"' })
        .example('$0 drift example.com --declared route53:example.com --observed authoritative', 'Route 53 vs every name server')
        .example('$0 drift example.com --declared route53:example.com --observed ns:ns1.newdns.net --fail-on drift', 'Before moving the delegation')
        .example('$0 drift example.com --declared ses --observed recursive --format markdown', 'What SES expects vs what resolvers see') as unknown as Argv<DriftArgs>,
    handler: async (argv) => {
      const domains = (argv.domains ?? []).map((value) => {
        const name = toQueryName(String(value));
        if (!name) throw new UsageError(notADomainName(String(value)));
        return name;
      });
      const dkimSelectors = dkimSelectorFlag(argv['dkim-selector']);
      const sesRegions = regionFlag(argv.region);
      let declared;
      let observed;
      try {
        declared = parseSourceSpec(argv.declared);
        observed = parseSourceSpec(argv.observed);
      } catch (error) {
        if (error instanceof DriftSourceError) throw new UsageError(`--declared/--observed: ${error.message}`);
        throw error;
      }
      // drift reads no config file: flags over defaults.
      const { timeoutMs, retries, transport } = resolverSettings(argv, {});
      let resolvers;
      if (isDnsSource(declared) || isDnsSource(observed)) {
        try {
          resolvers = createDriftResolvers({
            timeoutMs, retries, transport, ...(argv.nameserver ? { nameservers: argv.nameserver } : {}),
          });
        } catch (error) {
          if (error instanceof NameserverError) throw new UsageError(`--nameserver: ${error.message}`);
          throw error;
        }
      }
      let report: DriftReport;
      try {
        report = await driftDomains(domains, {
          declared: declared.spec,
          observed: observed.spec,
          version: VERSION,
          ...(resolvers ? { resolvers } : {}),
          ...(dkimSelectors.length > 0 ? { dkimSelectors } : {}),
          ...(sesRegions ? { sesRegions } : {}),
        });
      } catch (error) {
        if (error instanceof AwsSourceError) throw new IncompleteRunError(error.message);
        if (error instanceof DriftSourceError || error instanceof ZoneFileError) throw new UsageError(error.message);
        // An ns: source's servers are parsed when its resolver is made, inside driftDomains().
        if (error instanceof NameserverError) throw new UsageError(`--declared/--observed: ${error.message}`);
        throw error;
      } finally {
        resolvers?.close();
      }
      const render = { text: renderDriftText, markdown: renderDriftMarkdown, json: renderDriftJson }[argv.format];
      io.stdout(render(report));
      setExitCode(driftExitCode(report, argv['fail-on']));
    },
  };
}

/** 3 when part of the comparison could not be made, else 1 on drift with --fail-on drift, else 0. */
export function driftExitCode(report: DriftReport, failOn: 'drift' | 'none'): number {
  if (report.domains.some((d) => d.notices.some((n) => INCOMPLETE_NOTICES.has(n.code)))) return EXIT_INCOMPLETE;
  if (failOn === 'drift' && report.summary.differences > 0) return EXIT_FINDINGS;
  return EXIT_OK;
}
