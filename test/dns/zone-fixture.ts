// Records the in-process test server answers from in the resolver tests.
import type * as dnsPacket from 'dns-packet';

export const SPF = 'v=spf1 include:amazonses.com ~all';

export const ZONE: dnsPacket.Answer[] = [
  {
    name: 'example.test', type: 'SOA', ttl: 300,
    data: { mname: 'ns.example.test', rname: 'hostmaster.example.test', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 60 },
  },
  { name: 'example.test', type: 'NS', ttl: 300, data: 'ns.example.test' },
  { name: 'example.test', type: 'TXT', ttl: 300, data: [SPF] },
  { name: 'www.example.test', type: 'A', ttl: 300, data: '192.0.2.1' },
  { name: 'alias.example.test', type: 'CNAME', ttl: 300, data: 'www.example.test' },
  { name: 'loop1.example.test', type: 'CNAME', ttl: 300, data: 'loop2.example.test' },
  { name: 'loop2.example.test', type: 'CNAME', ttl: 300, data: 'loop1.example.test' },
];
