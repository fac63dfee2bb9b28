// The typed form of an SPF record (RFC 7208 §4.5, §5, §6, §7). The parser fills it; the evaluator,
// the static analyser and the printer read it.

export type Qualifier = '+' | '-' | '~' | '?';

/** Macro letters of RFC 7208 §7.2; c, r and t are allowed only in explanation text. */
export type MacroLetter = 's' | 'l' | 'o' | 'd' | 'i' | 'p' | 'h' | 'v' | 'c' | 'r' | 't';

export type MacroPart =
  | { kind: 'literal'; text: string }
  /** "%%" -> "%", "%_" -> " ", "%-" -> "%20" (RFC 7208 §7.1). */
  | { kind: 'escape'; char: '%' | '_' | '-' }
  | {
      kind: 'macro';
      letter: MacroLetter;
      /** Upper-case letter in the record: the expansion is URL-escaped. */
      urlEscape: boolean;
      /** Keep this many right-hand parts (nonzero). */
      digits?: number;
      reverse: boolean;
      /** Delimiter characters; "" means the default ".". */
      delimiters: string;
    };

export interface MacroString {
  /** As written in the record. */
  text: string;
  parts: MacroPart[];
}

interface TermBase {
  /** The term as written, qualifier included. */
  text: string;
  /** Character offset of the term in the record text. */
  offset: number;
}

export interface MechanismBase extends TermBase {
  qualifier: Qualifier;
}

export interface AllMechanism extends MechanismBase { kind: 'all' }
export interface IncludeMechanism extends MechanismBase { kind: 'include'; domain: MacroString }
export interface ExistsMechanism extends MechanismBase { kind: 'exists'; domain: MacroString }
export interface PtrMechanism extends MechanismBase { kind: 'ptr'; domain?: MacroString }
export interface AddressMechanism extends MechanismBase {
  kind: 'a' | 'mx';
  domain?: MacroString;
  cidr4?: number;
  cidr6?: number;
}
export interface IpMechanism extends MechanismBase {
  kind: 'ip4' | 'ip6';
  /** The network as written. */
  address: string;
  prefix?: number;
}

export type Mechanism = AllMechanism | IncludeMechanism | ExistsMechanism | PtrMechanism | AddressMechanism | IpMechanism;

export interface RedirectModifier extends TermBase { kind: 'redirect'; domain: MacroString }
export interface ExpModifier extends TermBase { kind: 'exp'; domain: MacroString }
export interface UnknownModifier extends TermBase { kind: 'unknown-modifier'; name: string; value: MacroString }
/** A term that did not parse; the error is in SpfRecord.errors. Kept so analysis can show it. */
export interface InvalidTerm extends TermBase { kind: 'invalid' }

export type Modifier = RedirectModifier | ExpModifier | UnknownModifier;
export type Term = Mechanism | Modifier | InvalidTerm;

export type SpfErrorCode =
  | 'not-spf1'
  | 'invalid-character'
  | 'unknown-mechanism'
  | 'invalid-modifier-name'
  | 'missing-argument'
  | 'unexpected-argument'
  | 'invalid-domain-spec'
  | 'invalid-macro'
  | 'invalid-cidr'
  | 'invalid-ip4'
  | 'invalid-ip6'
  | 'duplicate-modifier';

export interface SpfParseError {
  code: SpfErrorCode;
  message: string;
  /** The offending term (or the record's first word for not-spf1). */
  term: string;
  /** Character offset of the term in the record text. */
  offset: number;
  /** Character offset of the problem itself (inside the term). */
  position: number;
}

export interface SpfRecord {
  text: string;
  terms: Term[];
  /** Every problem found; an SPF record with any error evaluates to permerror (RFC 7208 §4.6). */
  errors: SpfParseError[];
}

export const MECHANISM_KINDS: ReadonlySet<Term['kind']> = new Set(['all', 'include', 'exists', 'ptr', 'a', 'mx', 'ip4', 'ip6']);

export function isMechanism(term: Term): term is Mechanism {
  return MECHANISM_KINDS.has(term.kind);
}

/** Terms that cost a DNS lookup under RFC 7208 §4.6.4. */
export const LOOKUP_KINDS: ReadonlySet<Term['kind']> = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);
