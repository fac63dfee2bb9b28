// Print an SPF AST back to record text. printSpf(parseSpf(x)) re-parses to the same AST for any valid x.

import type { SpfRecord, Term } from './ast.js';
import { printMacroString } from './macro.js';

export function printTerm(term: Term): string {
  switch (term.kind) {
    case 'invalid':
      return term.text;
    case 'redirect':
    case 'exp':
      return `${term.kind}=${printMacroString(term.domain)}`;
    case 'unknown-modifier':
      return `${term.name}=${printMacroString(term.value)}`;
    default: {
      const q = term.qualifier === '+' ? '' : term.qualifier;
      switch (term.kind) {
        case 'all':
          return `${q}all`;
        case 'include':
        case 'exists':
          return `${q}${term.kind}:${printMacroString(term.domain)}`;
        case 'ptr':
          return `${q}ptr${term.domain ? `:${printMacroString(term.domain)}` : ''}`;
        case 'a':
        case 'mx': {
          const domain = term.domain ? `:${printMacroString(term.domain)}` : '';
          const c4 = term.cidr4 !== undefined ? `/${term.cidr4}` : '';
          const c6 = term.cidr6 !== undefined ? `//${term.cidr6}` : '';
          return `${q}${term.kind}${domain}${c4}${c6}`;
        }
        case 'ip4':
        case 'ip6':
          return `${q}${term.kind}:${term.address}${term.prefix !== undefined ? `/${term.prefix}` : ''}`;
      }
    }
  }
}

export function printSpf(record: Pick<SpfRecord, 'terms'>): string {
  return ['v=spf1', ...record.terms.map(printTerm)].join(' ');
}
