import { defineRule } from '../../src/engine/define-rule.js';

// Only with `check --authoritative`. A resolver asks whichever of the domain's name servers it likes,
// so when they disagree, receivers see different SPF, DKIM or DMARC depending on where they asked —
// the typical state of a migration half done, or of a secondary that stopped transferring the zone.
export default defineRule({
  id: 'dns-servers-disagree',
  area: 'dns',
  meta: {
    docs: {
      description: "The domain's authoritative servers must give the same mail records (checked with --authoritative)",
      references: ['RFC 1034 §4.3.5', 'RFC 1996', 'RFC 2182 §3'],
    },
    messages: {
      serversDisagree: {
        severity: 'error',
        text: 'The name servers of "{{zone}}" disagree on {{type}} "{{name}}": {{views}}.',
        fix: 'Make every name server serve the same zone (check zone transfers, or finish the migration on every provider), then run maildns again.',
      },
      notAuthoritative: {
        severity: 'warning',
        text: 'Name server {{server}} answered {{type}} "{{name}}" without the AA flag: it does not serve the zone it is listed for.',
        fix: 'Remove {{server}} from the NS set at the parent and in the zone, or configure the zone on it.',
      },
      serverUnanswered: {
        severity: 'error',
        text: 'Could not compare the name servers for "{{name}}": {{reason}}',
        fix: 'Check that every name server listed for the zone answers, then run maildns again.',
      },
      serversAgree: {
        severity: 'info',
        text: 'The {{count}} name servers of "{{zone}}" give the same answers for {{compared}} mail record sets.',
      },
    },
  },
  check(facts, { report }) {
    const seen = facts.authoritative;
    if (!seen) return;
    const zone = seen.zone ?? facts.domain;
    for (const d of seen.disagreements) {
      const views = d.views.map((v) => `${v.server} has ${v.values.length > 0 ? v.values.map((x) => `"${x}"`).join(', ') : 'nothing'}`).join('; ');
      report({
        messageId: 'serversDisagree',
        subject: { name: d.name, type: d.type, source: 'authoritative' },
        data: { zone, name: d.name, type: d.type, views, servers: d.views.map((v) => v.server) },
      });
    }
    for (const n of seen.notAuthoritative) {
      report({ messageId: 'notAuthoritative', subject: { name: n.name, type: n.type, source: n.server }, data: { server: n.server, name: n.name, type: n.type } });
    }
    // One finding per server that failed (not one per question it failed), naming what it left open.
    const byServer = new Map<string, typeof seen.unanswered>();
    for (const u of seen.unanswered) {
      const key = (u.servers ?? []).join(', ');
      byServer.set(key, [...(byServer.get(key) ?? []), u]);
    }
    for (const [server, list] of byServer) {
      const first = list[0]!;
      report({
        messageId: 'serverUnanswered',
        subject: { name: first.name, source: server || 'authoritative' },
        data: { name: first.name, reason: first.reason, servers: first.servers ?? [], questions: list.map((u) => `${u.name} ${u.type ?? ''}`.trim()) },
        indeterminate: true,
      });
    }
    if (seen.disagreements.length === 0 && seen.unanswered.length === 0 && seen.servers.length > 1) {
      report({ messageId: 'serversAgree', subject: { name: zone, type: 'NS' }, data: { zone, count: seen.servers.length, compared: seen.compared } });
    }
  },
});
