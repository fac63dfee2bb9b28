// A pure parse memoised by its input text, for record texts a batch meets again and again (provider
// SPF records, SES's shared DKIM keys). Bounded, first in first out: a batch shares a handful of
// texts, so recency bookkeeping would cost more than the rare re-parse it saves.

/** `parse`, remembering the results for the last `kept` distinct texts. `parse` must be pure. */
export function memoiseByText<T>(parse: (text: string) => T, kept: number): (text: string) => T {
  const results = new Map<string, T>();
  return (text) => {
    let result = results.get(text);
    if (result === undefined) {
      result = parse(text);
      if (results.size >= kept) results.delete(results.keys().next().value!);
      results.set(text, result);
    }
    return result;
  };
}
