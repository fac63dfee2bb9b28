/**
 * Option settings for a flag that may be given several times (`--nameserver a --nameserver b`).
 * Not yargs' `array: true`: that makes a flag swallow every following word, so
 * `--zone-file z.zone example.com` would take the domain for a second zone file.
 */
export const repeatable = {
  type: 'string',
  coerce: (value: unknown): string[] => (Array.isArray(value) ? value : [value]).map(String),
} as const;
