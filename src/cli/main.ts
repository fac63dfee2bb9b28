// The command line: yargs parses flags, the library does the work, this file maps outcomes to exit
// codes (0 clean, 1 findings at or above --fail-on, 2 usage or config error, 3 incomplete run).

import { createRequire } from 'node:module';
import type yargsEsm from 'yargs';
import { ConfigError, configErrorMessage } from '../engine/config.js';
import { EXIT_INCOMPLETE, EXIT_USAGE } from '../engine/outcome.js';
import { VERSION } from '../version.js';
import { escapeMessage, escapeText } from '../report/escape.js';
import { IncompleteRunError, UsageError, processIo, type CliIo } from './io.js';
import { flagGivenTwice } from './repeatable.js';
import { checkCommand } from './commands/check.js';
import { explainCommand, rulesCommand } from './commands/rules.js';
import { spfCommand } from './commands/spf.js';
import { driftCommand } from './commands/drift.js';

// yargs's CommonJS build, not its ES module: the ES module wraps help text every N characters, in the
// middle of words ("--namese" / "rver", "Amazo" / "n SES"), while the CommonJS build wraps between
// words (wrap-ansi). Loaded at run time, so the bundled CLI (dist/cli/) loads it from node_modules.
const yargs = createRequire(import.meta.url)('yargs') as typeof yargsEsm;

export async function run(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const setExitCode = (code: number): void => {
    exitCode = code;
  };
  const parser = yargs([...args])
    .scriptName('maildns')
    .usage('$0 <command> [options]\n\nLint and drift-check the mail DNS (SPF, DKIM, DMARC, MX) of domains that send through Amazon SES.')
    .command(checkCommand(io, setExitCode))
    .command(spfCommand(io, setExitCode))
    .command(driftCommand(io, setExitCode))
    .command(rulesCommand(io))
    .command(explainCommand(io))
    .demandCommand(1, 'Name a command: check, spf, drift, rules, explain')
    // Words after "--" are operands even when they look like flags (`check -- -weird.example`);
    // yargs keeps them apart, and without this they were dropped without a word.
    .parserConfiguration({ 'populate--': true })
    .middleware((argv) => {
      const operands = argv['--'];
      delete argv['--'];
      if (Array.isArray(operands) && operands.length > 0) {
        if (!Array.isArray(argv.domains)) throw new UsageError(`unexpected arguments after --: ${operands.join(' ')}`);
        argv.domains = [...(argv.domains as unknown[]), ...operands.map(String)];
      }
      const twice = flagGivenTwice(argv);
      if (twice) throw new UsageError(`${twice.flag} takes one value, and was given ${twice.values.length} (${twice.values.map(String).join(', ')})`);
    }) // after validation: by then the repeatable flags' coerce has run (see repeatable.ts)
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(120, process.stdout.columns || 120))
    .epilogue(
      'Exit codes: 0 nothing at or above --fail-on; 1 findings at or above --fail-on; 2 usage or config error; 3 the run could not complete (something could not be checked).',
    )
    .exitProcess(false)
    .fail((message, error) => {
      // Throwing stops yargs before any command handler runs.
      throw error ?? new UsageError(`${message}\nRun "maildns --help" for usage.`);
    });
  try {
    let helpOrVersion = '';
    await parser.parseAsync([...args], {}, (_err, _argv, output) => {
      helpOrVersion = output;
    });
    if (helpOrVersion) io.stdout(`${helpOrVersion}\n`);
    return exitCode;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`maildns: ${shownMessage(error)}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof IncompleteRunError) {
      io.stderr(`maildns: ${shownMessage(error)}\n`);
      return EXIT_INCOMPLETE;
    }
    io.stderr(`maildns: the run could not complete: ${escapeMessage((error as Error).stack ?? String(error))}\n`);
    return EXIT_INCOMPLETE;
  }
}

/**
 * An error's message as stderr shows it. Messages quote input (a domains-file line, a rule id, a
 * zone-file line, yargs's "Unknown argument: …"): escaped as the text report escapes DNS values, so
 * an ESC cannot repaint the terminal nor a NUL reach it, and cut, so a 1 MB line is not echoed whole.
 * Escaping the whole message would also turn its line breaks into "\n", so it is escaped line by line
 * (escapeMessage). A config error lists one problem per line, and a problem may itself hold a line
 * break (a JSON parse error quotes the file): it is rebuilt from its parts, each escaped whole.
 */
function shownMessage(error: Error): string {
  // (A config error whose message is its own, such as an empty --config path, is shown as it is.)
  if (error instanceof ConfigError && !error.ownMessage) {
    return escapeMessage(configErrorMessage(escapeText(error.file), error.problems.map((p) => escapeText(p))));
  }
  return escapeMessage(error.message);
}
