import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Files that ship beside the code (schemas/, rules/*.md) live at the package root: one level above
// src/ when run from source (tsx), two above dist/src/ when built.
export function packageFile(relative: string): string | undefined {
  for (const up of ['../', '../../']) {
    const path = fileURLToPath(new URL(`${up}${relative}`, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}
