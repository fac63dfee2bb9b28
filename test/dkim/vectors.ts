// Loads the shared conformance vectors; a missing file fails the test run loudly instead of skipping.

import { readFileSync } from 'node:fs';

export function readSharedJson<T>(relative: string): T {
  const url = new URL(`../../../shared/conformance/${relative}`, import.meta.url);
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (error) {
    throw new Error(`conformance data missing: ${url.pathname} (${(error as Error).message}); the repo's parent directory must hold shared/`);
  }
  return JSON.parse(text) as T;
}
