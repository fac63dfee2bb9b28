// Nothing lost in a batch: 1,000 domains, 5 % behind a server that never answers for them and 5 %
// with hostile answers. Every domain appears exactly once in every format with its status; the
// others are checked normally. An interrupt mid-batch prints what is done and marks the rest.
// Each holds with worker threads checking the domains (--workers 2) and all in one thread (0).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dnsPacket from 'dns-packet';
import { runCli } from '../helpers/cli.js';
import { assertValidDomainLine, assertValidReport } from '../helpers/schema.js';
import { rcodeReply, startTestDnsServer, type Action, type ReceivedQuery, type TestDnsServer } from '../helpers/test-dns-server.js';
import { QUESTION_NAME, rawRecord, responseHead, truncatedReply, TYPE_TXT } from './victim.js';

const COUNT = 1000;
const domains = Array.from({ length: COUNT }, (_, i) => `d${String(i).padStart(4, '0')}.batch.test`);
/** Every 20th domain (5 %) is dead, every 20th offset by 10 (another 5 %) is hostile. */
const isDead = (i: number): boolean => i % 20 === 0;
const isHostile = (i: number): boolean => i % 20 === 10;
const dead = new Set(domains.filter((_, i) => isDead(i)));
const hostile = new Set(domains.filter((_, i) => isHostile(i)));
const unchecked = new Set([...dead, ...hostile]);

/**
 * Only the dead domains wait for it, but it must stay far above what an in-process answer takes on
 * a loaded machine: a process starved of CPU longer than this sees its timers fire before the reply
 * is read. The runs go one after another for the same reason (side by side, five runs of 64 queries
 * in flight each made honest answers miss 1 s on this shared 2-core machine).
 */
const TIMEOUT_MS = 1500;

const SOA: dnsPacket.Answer = { name: 'batch.test', type: 'SOA', ttl: 300, data: { mname: 'ns.batch.test', rname: 'h.batch.test', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 60 } };

function owningDomain(name: string): { domain: string; index: number } | undefined {
  const match = /(?:^|\.)(d(\d{4})\.batch\.test)$/.exec(name.toLowerCase());
  return match ? { domain: match[1]!, index: Number(match[2]) } : undefined;
}

/** Four kinds of hostility, in turn: garbage, SERVFAIL, a pointer loop, 5,000 records over TCP. */
function hostileActions(q: ReceivedQuery, index: number): Action[] {
  if (q.type !== 'TXT') return [{ kind: 'reply', packet: honestReply(q) }];
  switch ((index / 20) % 4 | 0) {
    case 0: return [{ kind: 'raw', bytes: Buffer.from('\u0000garbage') }];
    case 1: return [{ kind: 'reply', packet: rcodeReply(q, 'SERVFAIL') }];
    case 2: {
      const head = responseHead(q, 1);
      return [{ kind: 'raw', bytes: Buffer.concat([head, rawRecord(Buffer.from([0xc0, head.length]), TYPE_TXT, Buffer.from([1, 0x78]))]) }];
    }
    default: {
      if (q.transport === 'udp') return [{ kind: 'reply', packet: truncatedReply(q) }];
      const empty = rawRecord(QUESTION_NAME, TYPE_TXT, Buffer.from([0]));
      return [{ kind: 'raw', bytes: Buffer.concat([responseHead(q, 5000), ...Array.from({ length: 5000 }, () => empty)]) }];
    }
  }
}

/** A healthy domain: SPF, MX at the shared mx.batch.test, DMARC p=reject. Built per question: fast for 1,000 domains. */
function honestReply(q: ReceivedQuery): dnsPacket.Packet {
  const name = q.name.toLowerCase();
  const base = { type: 'response' as const, id: q.id, flags: dnsPacket.AUTHORITATIVE_ANSWER, questions: [{ name: q.name, type: q.type as dnsPacket.RecordType, class: 'IN' as const }] };
  const own = owningDomain(name);
  let answers: dnsPacket.Answer[] = [];
  if (own && name === own.domain && q.type === 'TXT') answers = [{ name, type: 'TXT', ttl: 300, data: ['v=spf1 ip4:192.0.2.0/24 -all'] }];
  else if (own && name === own.domain && q.type === 'MX') answers = [{ name, type: 'MX', ttl: 300, data: { preference: 10, exchange: 'mx.batch.test' } }];
  else if (own && name === `_dmarc.${own.domain}` && q.type === 'TXT') answers = [{ name, type: 'TXT', ttl: 300, data: ['v=DMARC1; p=reject'] }];
  else if (name === 'mx.batch.test' && q.type === 'A') answers = [{ name, type: 'A', ttl: 300, data: '192.0.2.25' }];
  const known = own ? name === own.domain || name === `_dmarc.${own.domain}` : name === 'mx.batch.test' || name === 'batch.test';
  return { ...base, flags: base.flags | (known ? 0 : 3), answers, authorities: answers.length === 0 ? [SOA] : [] };
}

/** A server for one run; `onQuery` sees every question (the SIGINT tests count them). */
async function serveBatch(onQuery?: () => void): Promise<TestDnsServer> {
  return startTestDnsServer({
    script: (q) => {
      onQuery?.();
      const own = owningDomain(q.name);
      if (own && dead.has(own.domain)) return []; // this domain's server is dead
      if (own && hostile.has(own.domain)) return hostileActions(q, own.index);
      return [{ kind: 'reply', packet: honestReply(q) }];
    },
  });
}

async function checkBatch(format: string, workers: string, options: { onQuery?: () => void; interrupt?: (fire: () => void) => void } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const server = await serveBatch(options.onQuery);
  try {
    return await runCli(
      ['check', '--domains-file', '-', '--nameserver', server.nameserver, '--timeout', String(TIMEOUT_MS), '--retries', '0', '--format', format, '--workers', workers],
      { stdin: `${domains.join('\n')}\n`, ...(options.interrupt ? { interrupt: options.interrupt } : {}) },
    );
  } finally {
    await server.close();
  }
}

/** domain -> statuses found for it in one rendering (an array, so a duplicate shows). */
const PARSE: Record<string, (stdout: string) => Map<string, string[]>> = {
  json: (stdout) => collect(assertValidReport(stdout).domains.map((d: any) => [d.domain, d.status])),
  jsonl: (stdout) => collect(stdout.trim().split('\n').map((line) => assertValidDomainLine(line)).map((d: any) => [d.domain, d.status])),
  text: (stdout) => collect([...stdout.matchAll(/^(\S+\.batch\.test) {2}([A-Z]+)$/gm)].map((m) => [m[1]!, m[2]!.toLowerCase()])),
  markdown: (stdout) => collect([...stdout.matchAll(/^\| `(\S+\.batch\.test)` \| \S+ (\w+) \|/gm)].map((m) => [m[1]!, m[2]!])),
  // JUnit has no status attribute: a suite with errors is one that could not be fully checked.
  junit: (stdout) => collect([...stdout.matchAll(/<testsuite name="([^"]+)" tests="\d+" failures="(\d+)" errors="(\d+)">/g)]
    .map((m) => [m[1]!, Number(m[3]) > 0 ? 'indeterminate' : Number(m[2]) > 0 ? 'error' : 'ok'])),
};

function collect(pairs: Array<[string, string]>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [domain, status] of pairs) map.set(domain, [...(map.get(domain) ?? []), status]);
  return map;
}

test(`batch of ${COUNT} (${dead.size} dead, ${hostile.size} hostile) in every format: every domain once, with its status; exit 3`, { timeout: 300_000 }, async () => {
  // Every format with two workers; in one thread, json (the formats share everything after the run).
  const runs: Array<{ format: string; workers: string; code: number; stdout: string; stderr: string }> = [];
  for (const format of Object.keys(PARSE)) runs.push({ format, workers: '2', ...await checkBatch(format, '2') });
  runs.push({ format: 'json', workers: '0', ...await checkBatch('json', '0') });
  for (const { format, workers, code, stdout, stderr } of runs) {
    const label = `${format}, --workers ${workers}`;
    assert.equal(code, 3, `${label}: ${stderr}`);
    const seen = PARSE[format]!(stdout);
    assert.equal(seen.size, COUNT, `${seen.size} distinct domains in the ${label} output`);
    const wrong: string[] = [];
    for (const domain of domains) {
      const expected = unchecked.has(domain) ? 'indeterminate' : 'ok';
      const statuses = seen.get(domain) ?? [];
      if (statuses.length !== 1 || statuses[0] !== expected) wrong.push(`${domain}: ${statuses.join(',') || 'missing'} (expected ${expected})`);
    }
    assert.deepEqual(wrong.slice(0, 10), [], `${label}: ${wrong.length} domains wrong`);
    if (format === 'json') assertReasons(assertValidReport(stdout));
  }
});

/** The reasons are kept: dead domains time out, hostile ones say what was wrong. */
function assertReasons(report: any): void {
  const reasons = (domain: string): string[] => report.domains.find((d: any) => d.domain === domain).findings
    .filter((f: any) => f.indeterminate).map((f: any) => f.data.status);
  for (const domain of dead) assert.ok(reasons(domain).length > 0 && reasons(domain).every((s) => s === 'timeout'), domain);
  for (const domain of hostile) assert.ok(reasons(domain).length > 0, domain);
  // Garbage whose id matches no query is about none of them: on a shared socket it is not pinned on
  // a query, which then times out. Replies that carry the query's id are read and judged.
  const hostileStatuses = new Set([...hostile].flatMap(reasons));
  for (const status of ['error', 'malformed', 'servfail']) assert.ok(hostileStatuses.has(status), status);
  assert.ok([...hostileStatuses].every((s) => ['error', 'malformed', 'servfail', 'timeout'].includes(s)), [...hostileStatuses].join());
}

test('SIGINT mid-batch (json, jsonl, text; with workers and without): what is done is printed, the rest marked indeterminate, exit 3', { timeout: 300_000 }, async () => {
  const interrupted = async (format: string, workers: string): Promise<void> => {
    let fire: (() => void) | undefined;
    let queries = 0;
    // Interrupt once about a third of the questions have been asked.
    const onQuery = (): void => {
      queries += 1;
      if (queries === 1500) fire?.();
    };
    const { code, stdout, stderr } = await checkBatch(format, workers, { onQuery, interrupt: (handler) => { fire = handler; } });
    assert.equal(code, 3, stderr);
    const seen = PARSE[format]!(stdout);
    assert.equal(seen.size, COUNT, `${format}: every domain is in the output`);
    assert.ok([...seen.values()].every((s) => s.length === 1), `${format}: each once`);
    const statuses = [...seen.entries()];
    const done = statuses.filter(([d, [s]]) => !unchecked.has(d) && s === 'ok').length;
    const notDone = statuses.filter(([d, [s]]) => !unchecked.has(d) && s === 'indeterminate').length;
    assert.ok(done > 50, `${format}: ${done} domains checked before the interrupt`);
    assert.ok(notDone > 100, `${format}: ${notDone} domains marked not checked`);
    assert.equal(done + notDone, COUNT - unchecked.size, `${format}: no other status appears`);
    if (format === 'json') {
      const report = assertValidReport(stdout);
      const marked = report.domains.filter((d: any) => d.error === 'not checked: the run was interrupted');
      assert.ok(marked.length >= notDone, 'the unchecked say why');
      assert.ok(marked.every((d: any) => d.status === 'indeterminate' && d.findings.length === 0));
    }
    if (format === 'text') assert.match(stdout, /not checked: the run was interrupted/);
  };
  for (const format of ['json', 'jsonl', 'text']) await interrupted(format, '2');
  await interrupted('json', '0');
});
