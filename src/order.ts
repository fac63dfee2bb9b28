/**
 * Code-point order. Reports must come out byte-identical on every machine, and localeCompare follows
 * the machine's locale (ICU collation puts "-" and "." differently from plain ASCII order).
 */
export function byCodepoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
