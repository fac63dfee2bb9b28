/** The arrays that come from repeatable flags; any other array in the parsed flags is a flag given twice. */
const repeatedOnPurpose = new WeakSet<readonly string[]>();

/**
 * Option settings for a flag that may be given several times (`--nameserver a --nameserver b`).
 * Not yargs' `array: true`: that makes a flag swallow every following word, so
 * `--zone-file z.zone example.com` would take the domain for a second zone file.
 */
export const repeatable = {
  type: 'string',
  coerce: (value: unknown): string[] => {
    const values = (Array.isArray(value) ? value : [value]).map(String);
    repeatedOnPurpose.add(values);
    return values;
  },
} as const;

/** Positionals that take several words (`check [domains..]`). */
const VARIADIC_POSITIONALS = new Set(['_', 'domains']);

/**
 * The first flag given more than once that takes one value, or undefined. yargs turns
 * `--format json --format text` into an array, which then reached code expecting one string
 * ("render is not a function"), or made `--fail-on none --fail-on error` exit 0 on errors.
 */
export function flagGivenTwice(argv: Record<string, unknown>): { flag: string; values: unknown[] } | undefined {
  for (const [key, value] of Object.entries(argv)) {
    // yargs also files every dashed flag under its camelCase name; report the dashed one.
    if (!Array.isArray(value) || VARIADIC_POSITIONALS.has(key) || /[A-Z]/.test(key) || repeatedOnPurpose.has(value)) continue;
    return { flag: key.length === 1 ? `-${key}` : `--${key}`, values: value };
  }
  return undefined;
}
