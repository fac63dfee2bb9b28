// `maildns check <domain..>`: gather, lint, report, exit code.

import { readFile, writeFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import type { Argv, CommandModule } from 'yargs';
import { allRules } from '../../../rules/index.js';
import { checkDomains, DEFAULT_CONCURRENCY, type DomainOutcome } from '../../engine/check.js';
import { DEFAULT_WORKERS } from '../../engine/check-workers.js';
import { escapeMessage, escapeText } from '../../report/escape.js';
import { loadConfig, ruleSettingsOf, type Config } from '../../engine/config.js';
import { exitCodeFor } from '../../engine/outcome.js';
import { notADomainName, toQueryName } from '../../engine/domain-names.js';
import { DOMAIN_DEADLINE_MS } from '../../limits.js';
import type { FailOn, Report } from '../../engine/types.js';
import { renderJson } from '../../report/render-json.js';
import { renderText } from '../../report/render-text.js';
import { renderMarkdown } from '../../report/render-markdown.js';
import { renderJunit } from '../../report/render-junit.js';
import { LineBatcher } from '../line-batcher.js';
import { createResolver, resolverSettings, withResolverFlags, type ResolverFlags } from '../resolver-flags.js';
import { IncompleteRunError, UsageError, decodeTextFile, wholeNumberIn, type CliIo } from '../io.js';
import { BOUNDS, rangeProblem } from '../bounds.js';
import { loadSesIdentities, type SesInventory } from '../../sources/ses.js';
import { sesDomains } from '../../sources/gather-ses.js';
import { AwsSourceError } from '../../sources/aws-errors.js';
import { createDriftResolvers } from '../../drift/resolvers.js';
import { repeatable } from '../repeatable.js';
import { dkimSelectorFlag, regionFlag } from '../checked-flags.js';
import { createProgress } from '../progress.js';

/**
 * How far V8 may grow the heap past what is live before it collects in full. Its default lets the
 * heap reach about four times the live set: over 10,000 domains the live heap stays near 35 MB,
 * yet peak RSS reached 264 MB, almost all of it garbage waiting; at 50 % it peaked at 164 MB with no
 * measurable slowdown (bench/RESULTS.md). The flag changes only when the collector runs, so it is
 * safe to set at run time, unlike the heap's size limits.
 */
export const HEAP_GROWING_PERCENT = 50;

export const FORMATS = ['text', 'json', 'jsonl', 'markdown', 'junit'] as const;
export const FAIL_ON = ['error', 'warning', 'notice', 'info', 'none'] as const;

interface CheckArgs extends ResolverFlags {
  domains?: string[];
  'domains-file'?: string;
  'dkim-selector'?: string[];
  format: (typeof FORMATS)[number];
  'fail-on'?: FailOn;
  config?: string;
  verbose?: boolean;
  concurrency?: number;
  'domain-deadline'?: number;
  workers?: number;
  'stats-file'?: string;
  ses?: boolean;
  region?: string[];
  authoritative?: boolean;
}

export function checkCommand(io: CliIo, setExitCode: (code: number) => void): CommandModule<object, CheckArgs> {
  return {
    command: 'check [domains..]',
    describe: 'Check the mail DNS (SPF, DKIM, DMARC, MX) of domains',
    builder: (yargs) =>
      withResolverFlags(yargs as Argv<object>)
        .positional('domains', { type: 'string', array: true, description: 'Domains to check' })
        .option('domains-file', { type: 'string', description: 'Read domains from FILE, one per line ("-" = stdin; # comments)' })
        .option('dkim-selector', { ...repeatable, description: 'DKIM selector to check at <selector>._domainkey.<domain> (repeatable)' })
        .option('format', { choices: FORMATS, default: 'text' as const, description: 'Report format' })
        .option('fail-on', { choices: FAIL_ON, description: 'Exit 1 when a finding is at or above this severity (default error)' })
        .option('config', { type: 'string', description: 'Config file (default ./maildns.config.json if present)' })
        .option('concurrency', { type: 'number', description: `Domains checked at once (default ${DEFAULT_CONCURRENCY})` })
        .option('domain-deadline', {
          type: 'number',
          description: `Milliseconds one domain's lookups may take in all; the questions still open then are indeterminate (default ${DOMAIN_DEADLINE_MS})`,
        })
        .option('workers', {
          type: 'number',
          description: `Worker threads that check domains while the main thread does all the DNS; 0 = all in one thread (default ${DEFAULT_WORKERS}; --ses and --authoritative always run in one thread)`,
        })
        .option('stats-file', { type: 'string', description: "Write the run's counters (domains by status, DNS queries, cache hits, shared in flight) as JSON to FILE" })
        .option('verbose', { type: 'boolean', description: 'Text: also show passing checks and the records looked at' })
        .option('ses', { type: 'boolean', description: "Also check what Amazon SES expects: every domain identity of the account, or the domains named (AWS credentials from the standard chain)" })
        .option('region', { ...repeatable, description: 'SES region to read with --ses (repeatable; default AWS_REGION)' })
        .option('authoritative', { type: 'boolean', description: "Also ask each of the domain's name servers on its own and report where they disagree" })
        .example('$0 check example.com --dkim-selector s1', 'Check one domain through the system resolver')
        .example('$0 check --ses --region us-east-1 --region eu-west-1', 'Check every SES domain identity in two regions')
        .example('$0 check --config examples/maildns.config.json --zone-file examples/', 'Check the shipped example offline')
        .example('$0 check --domains-file domains.txt --format jsonl > report.jsonl', 'Check many domains, one JSON line per domain as each completes') as unknown as Argv<CheckArgs>,
    handler: async (argv) => {
      setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
      const { config } = await loadConfig(argv.config, allRules);
      if (argv.region && !argv.ses) throw new UsageError('--region goes with --ses');
      const flagSelectors = dkimSelectorFlag(argv['dkim-selector']);
      const named = await collectDomains(argv, config, io, { required: !argv.ses });
      const ses = argv.ses ? await readSes(named, regionFlag(argv.region), io) : undefined;
      const domains = named.length > 0 ? named : sesDomains(ses!);
      const { concurrency: c, domainDeadlineMs: d, workers: w } = BOUNDS;
      const concurrency = wholeNumberIn(argv.concurrency ?? config.concurrency, c.min, c.max, rangeProblem('concurrency', c, argv.concurrency));
      const deadlineMs = wholeNumberIn(argv['domain-deadline'] ?? config.domainDeadlineMs, d.min, d.max,
        rangeProblem('domain-deadline', d, argv['domain-deadline'], 'milliseconds'));
      const workers = wholeNumberIn(argv.workers ?? config.workers, w.min, w.max, rangeProblem('workers', w, argv.workers));
      if (argv.authoritative && argv['zone-file']?.length) throw new UsageError('--authoritative asks the real name servers; it cannot be combined with --zone-file');
      const resolver = await createResolver(argv, config, io.stderr);
      const nameservers = argv.nameserver ?? config.nameservers;
      const { timeoutMs, retries, transport } = resolverSettings(argv, config);
      const authoritative = argv.authoritative
        ? createDriftResolvers({ ...(nameservers?.length ? { nameservers } : {}), timeoutMs, retries, transport })
        : undefined;
      const failOn: FailOn = argv['fail-on'] ?? config.failOn ?? 'error';
      // An unwritable --stats-file is a usage error before anything is checked, not after the run,
      // when it threw the finished report away.
      if (argv['stats-file'] !== undefined) await writeStats(argv['stats-file'], undefined);
      const selectorsFor = dkimSelectorsFor(flagSelectors, config);
      const abort = new AbortController();
      const output = new LineBatcher(io.stdout);
      const removeHandler = io.onInterrupt(() => {
        output.stopBatching();
        abort.abort();
      });
      const streaming = argv.format === 'jsonl';
      // One domain needs no progress line; a batch in a terminal does.
      const progress = createProgress({ enabled: io.stderrIsTty && domains.length > 1, total: domains.length, write: io.stderr, stats: () => resolver.stats() });
      // Streaming keeps no reports, so each domain's part of the exit code is folded in as it passes.
      let streamedExit = 0;
      const onDomain = (): void => progress.tick();
      const onDomainLine = async (line: string, outcome: DomainOutcome): Promise<void> => {
        progress.tick();
        output.add(line);
        streamedExit = Math.max(streamedExit, exitCodeFor([outcome], failOn));
        await io.stdoutDrained?.();
      };
      const color = io.stdoutIsTty && !io.env.NO_COLOR;
      try {
        const report = await checkDomains(domains, {
          resolver,
          dkimSelectors: selectorsFor,
          ...(ses ? { ses } : {}),
          ...(authoritative ? { authoritative } : {}),
          ruleSettings: ruleSettingsOf(config),
          failOn,
          signal: abort.signal,
          ...(concurrency !== undefined ? { concurrency } : {}),
          ...(deadlineMs !== undefined ? { limits: { deadlineMs } } : {}),
          workers: workers ?? DEFAULT_WORKERS,
          collect: !streaming,
          ...(streaming ? { onDomainLine } : { onDomain }),
        });
        output.flush();
        progress.finish();
        if (!streaming) {
          const render = {
            text: () => renderText(report, { color, verbose: argv.verbose ?? false }),
            json: () => renderJson(report),
            markdown: () => renderMarkdown(report),
            junit: () => renderJunit(report),
          }[argv.format as Exclude<CheckArgs['format'], 'jsonl'>];
          io.stdout(render());
        }
        setExitCode(streaming ? streamedExit : exitCodeFor(report.domains, failOn));
        if (argv['stats-file'] !== undefined) await writeStats(argv['stats-file'], report.stats);
      } finally {
        output.flush(); // a run that failed half-way keeps the lines of the domains it finished
        removeHandler();
        authoritative?.close();
        await resolver.close?.();
      }
    },
  };
}

/**
 * Writes the run's counters; without `stats`, only proves the file can be written (before the run).
 * A write that fails after the report was printed leaves the report as it is and exits 3.
 */
async function writeStats(file: string, stats: Report['stats'] | undefined): Promise<void> {
  try {
    await writeFile(file, stats === undefined ? '' : `${JSON.stringify(stats, null, 2)}\n`);
  } catch (error) {
    const why = `--stats-file: cannot write "${file}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    throw stats === undefined ? new UsageError(why) : new IncompleteRunError(why);
  }
}

/** SES identities for --ses; an AWS failure ends the run (exit 3) before anything is printed as checked. */
async function readSes(named: string[], regions: string[] | undefined, io: CliIo): Promise<SesInventory> {
  try {
    const inventory = await loadSesIdentities({ ...(regions ? { regions } : {}), ...(named.length > 0 ? { names: named } : {}) });
    for (const warning of inventory.warnings) io.stderr(`maildns: ${escapeMessage(warning)}\n`); // names from AWS
    if (named.length === 0 && inventory.identities.length === 0) throw new IncompleteRunError('--ses: SES has no domain identity in the regions asked');
    return inventory;
  } catch (error) {
    if (error instanceof AwsSourceError) throw new IncompleteRunError(`--ses: ${error.message}`);
    throw error;
  }
}

async function collectDomains(argv: CheckArgs, config: Config, io: CliIo, { required }: { required: boolean }): Promise<string[]> {
  const raw: Array<{ value: string; where: string }> = (argv.domains ?? []).map((value) => ({ value: String(value), where: 'argument' }));
  // yargs hands a lone "-" over as "", so both mean standard input.
  const file = argv['domains-file'] === '' ? '-' : argv['domains-file'];
  if (file !== undefined) {
    let text: string | undefined;
    try {
      text = file === '-' ? await io.readStdin() : decodeTextFile(await readFile(file));
    } catch (error) {
      throw new UsageError(`--domains-file: cannot read "${escapeText(file)}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (text === undefined) throw new UsageError(`--domains-file: "${escapeText(file)}" holds NUL bytes: UTF-16 without a byte order mark, or not text; save it as UTF-8`);
    text.split(/\r?\n/).forEach((line, i) => {
      const value = line.replace(/#.*/, '').trim();
      if (value) raw.push({ value, where: `--domains-file ${file === '-' ? 'stdin' : file}:${i + 1}` });
    });
  }
  if (raw.length === 0) {
    for (const entry of config.domains ?? []) raw.push({ value: typeof entry === 'string' ? entry : entry.domain, where: 'config domains' });
  }
  if (raw.length === 0 && required) throw new UsageError('no domains to check: give them as arguments, with --domains-file, or in the config file (or use --ses)');
  const domains = new Set<string>();
  for (const { value, where } of raw) {
    const name = toQueryName(value);
    if (!name) throw new UsageError(`${where}: ${notADomainName(value)}`);
    domains.add(name);
  }
  return [...domains];
}

function dkimSelectorsFor(flagSelectors: readonly string[], config: Config): (domain: string) => string[] {
  const perDomain = new Map<string, string[]>();
  for (const entry of config.domains ?? []) {
    if (typeof entry !== 'string' && entry.dkimSelectors) perDomain.set(toQueryName(entry.domain) ?? entry.domain, entry.dkimSelectors);
  }
  const everywhere = [...flagSelectors, ...(config.dkimSelectors ?? [])];
  return (domain) => [...new Set([...everywhere, ...(perDomain.get(domain) ?? [])])];
}
