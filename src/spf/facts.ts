// Placeholder until the SPF engine lands: the static analysis of the apex record.
export interface SpfFacts {
  /** The selected v=spf1 record text. */
  record: string;
}
