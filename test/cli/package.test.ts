// The published package really runs: npm pack, install the tarball into an empty project, run its bin.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

test('npm pack → npm install → maildns runs from the installed package', { timeout: 240_000 }, async () => {
  const packDir = await mkdtemp(join(tmpdir(), 'maildns-pack-'));
  // prepack is not defined: the tarball ships dist/ as built by `npm run build` (npm ci runs prepare).
  await exec('npm', ['run', 'build'], { cwd: root });
  await exec('npm', ['pack', '--pack-destination', packDir], { cwd: root });
  const tarball = (await readdir(packDir)).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack wrote a tarball');

  const project = await mkdtemp(join(tmpdir(), 'maildns-install-'));
  await writeFile(join(project, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }');
  await exec('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(packDir, tarball!)], { cwd: project });

  const bin = join(project, 'node_modules', '.bin', 'maildns');
  const help = await exec(bin, ['--help'], { cwd: project });
  assert.match(help.stdout, /maildns check \[domains\.\.\]/);

  const zone = join(project, 'example.zone');
  await writeFile(zone, '$ORIGIN example.com.\n$TTL 300\n@ SOA ns h 1 2 3 4 5\n@ TXT "v=spf1 -all"\n');
  const check = await exec(bin, ['check', 'example.com', '--zone-file', zone, '--format', 'json'], { cwd: project }).catch((e) => e);
  const report = JSON.parse(check.stdout);
  assert.equal(report.domains[0].domain, 'example.com');
  // The worker thread's entry ships too (dist/cli/check-worker.js, bundled beside the CLI), and finds its modules.
  const inWorker = await exec(bin, ['check', 'example.com', '--zone-file', zone, '--format', 'json', '--workers', '1'], { cwd: project }).catch((e) => e);
  assert.equal(inWorker.stderr, '');
  assert.deepEqual(JSON.parse(inWorker.stdout), report);

  // Rule docs and schemas ship with the package.
  const explain = await exec(bin, ['explain', 'dns-lookup-indeterminate'], { cwd: project });
  assert.match(explain.stdout, /^# dns-lookup-indeterminate/);

  // The library entry point works for consumers too.
  await writeFile(join(project, 'use.mjs'), "import { allRules } from 'maildns'; console.log(allRules.length > 0 ? 'ok' : 'empty');");
  const lib = await exec('node', ['use.mjs'], { cwd: project });
  assert.equal(lib.stdout.trim(), 'ok');
});
