// A reader that stops early (`maildns check … | head -1`): the run stops with exit 3 (the report could
// not be delivered) instead of crashing on EPIPE with a stack trace and exit 1.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('stdout closed by its reader: exit 3, and nothing on stderr', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'maildns-epipe-'));
  const zone = join(dir, 'test.zone');
  await writeFile(zone, '$ORIGIN test.\n$TTL 300\n@ SOA ns h 1 2 3 4 5\n@ NS ns\n');
  // ~2 KB of report per domain: far more than a pipe holds, so writes are still due when the reader leaves.
  const domains = join(dir, 'domains.txt');
  await writeFile(domains, Array.from({ length: 400 }, (_, i) => `d${i}.test`).join('\n'));
  // From the sources (as the bench smoke test does): rebuilding dist/ here would race the package test.
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'maildns-from-source.ts'),
    'check', '--domains-file', domains, '--zone-file', zone, '--format', 'jsonl'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let firstLine = '';
  child.stdout.once('data', (chunk: Buffer) => {
    firstLine = chunk.toString().split('\n')[0]!;
    child.stdout.destroy(); // what `head -1` does once it has its line
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.match(firstLine, /^\{"domain":"d\d+\.test"/, 'the reader got report lines first');
  assert.equal(code, 3);
  assert.equal(stderr, '');
});
