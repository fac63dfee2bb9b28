// Limits that keep one hostile or broken domain from costing maildns unbounded time, memory or
// queries. Each is a named constant with its reason; past a limit the affected lookups end as
// indeterminate (status `error`) with a reason that names the limit — never as "record missing".

export { MAX_CNAME_CHAIN } from './dns/stub-resolver.js';
export { MAX_TREE_NODES as MAX_SPF_TREE_NODES } from './spf/gather.js';
export { MAX_LABEL_BYTES, MAX_NAME_BYTES } from './dns/message.js';

/**
 * Records kept from one answer. Mail DNS RRsets are small: RFC 7208 §4.6.4 lets SPF use at most 10 MX
 * names, and the largest apex TXT sets of big senders hold a few dozen verification records. A larger
 * answer is not mail configuration, and holding thousands of records per question (one DNS message
 * fits about 5,000 empty TXT records) would let one domain fill the report and the memory.
 */
export const MAX_RECORDS_PER_ANSWER = 256;

/**
 * Bytes of record data (presentation values, UTF-8) kept from one answer. RFC 7208 §3.4 wants an SPF
 * record within 512 bytes, a 4096-bit DKIM key record is about 800 bytes, and real apex TXT sets stay
 * within a few KB. 32 KiB is half of the largest DNS message (65,535 bytes over TCP, RFC 1035 §4.2.2).
 */
export const MAX_ANSWER_BYTES = 32 * 1024;

/**
 * Bytes of record data kept for one domain, all answers together. Walking SPF is the costly part: every
 * term becomes a node of the tree the rules read (about 2 KB of memory per term), so a tree of 200
 * records of 32 KiB each would take gigabytes. A large real domain (apex TXT, an SPF tree of a dozen
 * provider records, a few DKIM keys) holds well under 20 KB.
 */
export const MAX_DOMAIN_ANSWER_BYTES = 64 * 1024;

/**
 * Questions asked for one domain. An SPF evaluation may reach 10 lookup terms, each mx: with up to
 * 10 exchanges of A and AAAA (RFC 7208 §4.6.4): about 220 questions; MX hosts, DMARC's tree walk and
 * report authorisation (RFC 9989) and the DKIM selectors add a few dozen. Past 300 the tree is
 * hostile or broken, and maildns must not send thousands of queries on a record's say-so.
 */
export const MAX_QUERIES_PER_DOMAIN = 300;

/**
 * Wall-clock time for one domain's lookups. One question costs at most --timeout × (1 + --retries)
 * (defaults: 2 s × 3), and a domain's lookups run a few rounds deep (apex, SPF includes, MX hosts);
 * a server that answers each try just before the timeout could otherwise hold a batch for many
 * minutes. 60 s lets ten slow rounds finish; the rest of the domain's questions become indeterminate.
 */
export const DOMAIN_DEADLINE_MS = 60_000;
