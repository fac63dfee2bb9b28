// maildns.config.json: loaded, validated with ajv against schemas/config.schema.json, and every error
// reported with its JSON pointer and what is allowed there.

import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import type { Rule, Severity, FailOn } from './types.js';
import type { RuleSettings } from './run-rules.js';
import type { Transport } from '../dns/stub-resolver.js';
import { loadSchema } from '../schemas.js';
import { NameserverError, parseNameserver } from '../dns/nameservers.js';
import { dkimSelectorProblem, notADomainName, toQueryName } from './domain-names.js';

export const DEFAULT_CONFIG_FILE = 'maildns.config.json';

export interface DomainEntry {
  domain: string;
  dkimSelectors?: string[];
}

export interface Config {
  domains?: Array<string | DomainEntry>;
  dkimSelectors?: string[];
  nameservers?: string[];
  timeoutMs?: number;
  retries?: number;
  transport?: Transport;
  concurrency?: number;
  domainDeadlineMs?: number;
  workers?: number;
  failOn?: FailOn;
  rules?: Record<string, Severity | 'off' | [Severity | 'off', Record<string, unknown>?]>;
}

export class ConfigError extends Error {
  /** The message is the caller's own, not built from `file` and `problems` (an empty --config path). */
  readonly ownMessage: boolean;

  constructor(
    readonly file: string,
    readonly problems: string[],
    message?: string,
  ) {
    super(message ?? configErrorMessage(file, problems));
    this.name = 'ConfigError';
    this.ownMessage = message !== undefined;
  }
}

/** "FILE: invalid configuration", then one problem per indented line. */
export function configErrorMessage(file: string, problems: readonly string[]): string {
  return `${file}: invalid configuration\n${problems.map((p) => `  ${p}`).join('\n')}`;
}

/** A key as one JSON pointer token (RFC 6901: "~" as "~0", "/" as "~1"). */
function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Reads --config FILE, else ./maildns.config.json if present, else an empty config. */
export async function loadConfig(file: string | undefined, rules: readonly Rule[]): Promise<{ config: Config; file?: string }> {
  // `--config ''` (or a bare `--config`) names no file. Read as "no --config", it ran with no config at
  // all, not even ./maildns.config.json, and said nothing.
  if (file === '') {
    const problem = 'the path is empty (name a config file, or leave --config out to read ./maildns.config.json when present)';
    throw new ConfigError(file, [problem], `--config: ${problem}`);
  }
  const path = file ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  if (!path) return { config: {} };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  let parsed: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte order mark, which JSON.parse refuses as an (invisible)
    // unexpected token; the domains file's reader drops it too (trim).
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  return { config: validateConfig(parsed, path, rules), file: path };
}

export function validateConfig(value: unknown, file: string, rules: readonly Rule[]): Config {
  // validateSchema: false — these are maildns's own schemas, checked against the meta-schema by
  // test/engine/config.test.ts instead of on every run (compiling the meta-schema cost ~30 ms of start-up).
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  const validate = ajv.compile<Config>(loadSchema('config'));
  if (!validate(value)) throw new ConfigError(file, describeErrors(validate.errors ?? []));
  const problems: string[] = [];
  const known = new Map(rules.map((r) => [r.id, r]));
  for (const [id, setting] of Object.entries(value.rules ?? {})) {
    const pointer = `/rules/${pointerToken(id)}`;
    const rule = known.get(id);
    if (!rule) {
      problems.push(`${pointer}: unknown rule "${id}" (maildns rules lists them)`);
      continue;
    }
    const options = Array.isArray(setting) ? setting[1] : undefined;
    if (options !== undefined) {
      if (!rule.meta.optionsSchema) {
        problems.push(`${pointer}/1: rule "${id}" takes no options`);
      } else {
        const check = ajv.compile(rule.meta.optionsSchema);
        if (!check(options)) problems.push(...describeErrors(check.errors ?? [], `${pointer}/1`));
      }
    }
  }
  // The schema says "a string"; each value must also be what it stands for. Checked here, not where
  // it is used, so that the message names this file and the value's JSON pointer (and not a flag
  // the user did not give), and whatever the command line overrides.
  const checkSelectors = (selectors: readonly string[] | undefined, pointer: string): void => {
    selectors?.forEach((selector, i) => {
      const problem = dkimSelectorProblem(selector);
      if (problem) problems.push(`${pointer}/${i}: "${selector}" is not a DKIM selector: ${problem}`);
    });
  };
  value.domains?.forEach((entry, i) => {
    const [domain, pointer] = typeof entry === 'string' ? [entry, `/domains/${i}`] : [entry.domain, `/domains/${i}/domain`];
    if (!toQueryName(domain)) problems.push(`${pointer}: ${notADomainName(domain)}`);
    if (typeof entry !== 'string') checkSelectors(entry.dkimSelectors, `/domains/${i}/dkimSelectors`);
  });
  checkSelectors(value.dkimSelectors, '/dkimSelectors');
  value.nameservers?.forEach((nameserver, i) => {
    try {
      parseNameserver(nameserver);
    } catch (error) {
      if (!(error instanceof NameserverError)) throw error;
      problems.push(`/nameservers/${i}: ${error.message}`);
    }
  });
  if (problems.length > 0) throw new ConfigError(file, problems);
  return value;
}

function describeErrors(errors: ErrorObject[], prefix = ''): string[] {
  // anyOf failures repeat every branch's complaint; keep the most specific one per pointer.
  const byPointer = new Map<string, string>();
  for (const e of errors) {
    const pointer = `${prefix}${e.instancePath}` || '/';
    let text: string;
    if (e.keyword === 'additionalProperties') {
      text = `unknown property "${String(e.params.additionalProperty)}"`;
    } else if (e.keyword === 'enum') {
      text = `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    } else {
      text = e.message ?? e.keyword;
    }
    // The unknown property's own pointer (RFC 6901: "~" as "~0", "/" as "~1"); at the root that is
    // "/colour", not "//colour".
    const property = pointerToken(String(e.params.additionalProperty));
    const key = e.keyword === 'additionalProperties' ? `${prefix}${e.instancePath}/${property}` : pointer;
    if (!byPointer.has(key) || e.keyword === 'enum') byPointer.set(key, `${key}: ${text}`);
  }
  return [...byPointer.values()];
}

/** Config rules -> the engine's per-rule settings. */
export function ruleSettingsOf(config: Config): RuleSettings {
  const settings: RuleSettings = {};
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    if (Array.isArray(setting)) {
      settings[id] = { severity: setting[0], ...(setting[1] ? { options: setting[1] } : {}) };
    } else {
      settings[id] = { severity: setting };
    }
  }
  return settings;
}
