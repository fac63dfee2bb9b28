// `check --authoritative`: ask each of the domain's name servers on its own (RD=0, AA required) for
// the mail-relevant names, and keep what each said, so a rule can tell when they disagree: the
// answer a receiver gets then depends on which server its resolver happened to ask.

import { mailScope } from '../drift/mail-names.js';
import { compareServers, type ServerDisagreement } from '../drift/server-views.js';
import { observeDns, type DriftResolvers } from '../drift/sources.js';

export interface AuthoritativeFacts {
  /** The servers asked ("ns1.example.net (192.0.2.53:53)"), sorted. */
  servers: string[];
  /** The zone whose NS set was used (the domain or a parent). */
  zone?: string;
  /** RRsets that not every server answered the same, each with every server's view. */
  disagreements: ServerDisagreement[];
  /** Answers without the AA flag: the server does not serve the zone (lame delegation). */
  notAuthoritative: Array<{ server: string; name: string; type: string }>;
  /** What could not be found out: no NS set, a server without address, a server that did not answer. */
  unanswered: Array<{ name: string; type?: string; servers?: string[]; reason: string }>;
  /** RRsets compared across the servers that answered. */
  compared: number;
}

export async function gatherAuthoritative(domain: string, dkimSelectors: readonly string[], resolvers: DriftResolvers): Promise<AuthoritativeFacts> {
  const scope = mailScope({ domain, dkimSelectors });
  const seen = await observeDns({ kind: 'authoritative', spec: 'authoritative' }, domain, scope.queries, resolvers);
  const facts: AuthoritativeFacts = {
    servers: seen.observations.map((o) => o.server),
    ...(seen.nameServersOf ? { zone: seen.nameServersOf } : {}),
    ...compareServers(seen.observations, scope.keys),
    notAuthoritative: [],
    unanswered: [],
  };
  for (const notice of [...seen.notices, ...seen.observations.flatMap((o) => o.notices)]) {
    if (notice.code === 'notAuthoritative') {
      facts.notAuthoritative.push({ server: notice.servers?.[0] ?? '', name: notice.name ?? domain, type: notice.type ?? '' });
    } else if (notice.code === 'indeterminate') {
      facts.unanswered.push({ name: notice.name ?? domain, ...(notice.type ? { type: notice.type } : {}), ...(notice.servers ? { servers: notice.servers } : {}), reason: notice.message });
    }
  }
  return facts;
}

/** What is known when the domain's deadline ends the asking: nothing, and why (indeterminate, never "agree"). */
export function authoritativeCutShort(domain: string, reason: string): AuthoritativeFacts {
  return { servers: [], disagreements: [], notAuthoritative: [], unanswered: [{ name: domain, reason: `the name servers were ${reason}` }], compared: 0 };
}
