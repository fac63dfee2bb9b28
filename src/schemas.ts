import { readFileSync } from 'node:fs';
import { packageFile } from './package-files.js';

const cache = new Map<string, Record<string, unknown>>();

export function loadSchema(name: 'config' | 'report' | 'drift'): Record<string, unknown> {
  let schema = cache.get(name);
  if (!schema) {
    const path = packageFile(`schemas/${name}.schema.json`);
    if (!path) throw new Error(`schema ${name}.schema.json not found next to the maildns package`);
    schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    cache.set(name, schema);
  }
  return schema;
}
