import { createRequire } from 'node:module';

// Read from package.json so `maildns --version` and reports never disagree with the package.
const require = createRequire(import.meta.url);
const pkg = findPackage();

function findPackage(): { version: string } {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const found = require(candidate) as { name?: string; version: string };
      if (found.name === 'maildns') return found;
    } catch {
      // not at this depth (src/ under tsx, dist/src/ when built)
    }
  }
  return { version: '0.0.0' };
}

export const VERSION: string = pkg.version;
