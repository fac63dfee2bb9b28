import rule from '../../../rules/ses/ses-mail-from-spf.js';
import { identity, runSesRuleCases } from './ses-rule-cases.js';

const ids = [identity({ mailFrom: { domain: 'mail.example.com' } })];
// What amazonses.com serves, trimmed: the rule evaluates one address from each network.
const SES = 'amazonses.com. TXT "v=spf1 ip4:199.255.192.0/22 ip4:54.240.0.0/18 -all"';
const SES_ADDRESSES = ['199.255.192.0', '54.240.0.0'];
const withSes = (zone: string): string => `${SES}\n${zone}`;

runSesRuleCases(rule, {
  valid: [
    { name: 'include:amazonses.com', zone: withSes('mail TXT "v=spf1 include:amazonses.com ~all"'), identities: ids },
    { name: 'split across strings', zone: withSes('mail TXT "v=spf1 include:amazon" "ses.com -all"'), identities: ids },
    { name: 'no MAIL FROM', zone: '', identities: [identity()] },
    { name: 'SERVFAIL is not a missing record', zone: '', identities: ids, faults: { 'mail.example.com:TXT': 'servfail' } },
    { name: 'a nested include that times out is no claim either way (dns-lookup-indeterminate says so)',
      zone: withSes('mail TXT "v=spf1 include:_spf.example.com ~all"\n_spf TXT "v=spf1 include:amazonses.com ~all"'),
      identities: ids, faults: { '_spf.example.com:TXT': 'timeout' } },
    { name: 'SES\'s own record unreadable: no claim', zone: 'mail TXT "v=spf1 include:amazonses.com ~all"', identities: ids,
      faults: { 'amazonses.com:TXT': 'servfail' } },
  ],
  invalid: [
    { name: 'a positive result', zone: withSes('mail TXT "v=spf1 include:amazonses.com ~all"'), identities: ids,
      findings: [{ messageId: 'spfOk', severity: 'info', data: { mailFrom: 'mail.example.com', addresses: SES_ADDRESSES } }] },
    { name: 'SES through a nested include passes',
      zone: withSes('mail TXT "v=spf1 include:_spf.example.com ~all"\n_spf TXT "v=spf1 ip4:192.0.2.0/24 include:amazonses.com ~all"'),
      identities: ids, findings: [{ messageId: 'spfOk', data: { addresses: SES_ADDRESSES } }] },
    { name: 'SES through redirect= passes', zone: withSes('mail TXT "v=spf1 redirect=_spf.example.com"\n_spf TXT "v=spf1 include:amazonses.com -all"'),
      identities: ids, findings: [{ messageId: 'spfOk' }] },
    { name: 'a redirect to a record without SES', zone: withSes('mail TXT "v=spf1 redirect=_spf.example.com"\n_spf TXT "v=spf1 ip4:192.0.2.0/24 -all"'),
      identities: ids, findings: [{ messageId: 'spfWithoutSes', data: { address: '199.255.192.0', result: 'fail', mechanism: '-all' } }] },
    { name: 'no record', zone: '', identities: ids, findings: [{ messageId: 'spfMissing', data: { outcome: 'does not exist (NXDOMAIN)' } }] },
    { name: 'TXT but not SPF', zone: 'mail TXT "hello"', identities: ids, findings: [{ messageId: 'spfMissing', data: { outcome: 'has TXT records but none starts "v=spf1"' } }] },
    { name: 'two records', zone: 'mail TXT "v=spf1 include:amazonses.com ~all"\nmail TXT "v=spf1 -all"', identities: ids,
      findings: [{ messageId: 'spfMultiple', data: { count: 2 } }] },
    { name: 'SES not included', zone: withSes('mail TXT "v=spf1 mx -all"'), identities: ids,
      findings: [{ messageId: 'spfWithoutSes', data: { record: 'v=spf1 mx -all', result: 'fail', mechanism: '-all' } }] },
    { name: 'a -include does not authorise', zone: withSes('mail TXT "v=spf1 -include:amazonses.com ~all"'), identities: ids,
      findings: [{ messageId: 'spfWithoutSes', data: { result: 'fail', mechanism: '-include:amazonses.com' } }] },
    { name: 'exp= only explains a fail: the verdict is still a fail, not "unevaluated"',
      zone: withSes('mail TXT "v=spf1 ip4:192.0.2.0/24 -all exp=explain.example.com"'), identities: ids,
      findings: [{ messageId: 'spfWithoutSes', severity: 'error', data: { result: 'fail', mechanism: '-all' } }] },
    { name: 'an include after "all" is never evaluated (RFC 7208 §5.1)', zone: withSes('mail TXT "v=spf1 -all include:amazonses.com"'), identities: ids,
      findings: [{ messageId: 'spfWithoutSes', data: { result: 'fail', mechanism: '-all' } }] },
    { name: 'nothing matches and no "all": neutral', zone: withSes('mail TXT "v=spf1 ip4:192.0.2.0/24"'), identities: ids,
      findings: [{ messageId: 'spfWithoutSes', data: { result: 'neutral', decidedBy: 'no term matched' } }] },
    { name: 'a syntax error is a permerror (RFC 7208 §4.6)', zone: withSes('mail TXT "v=spf1 include:amazonses.com ip4:192.0.2.300 ~all"'),
      identities: ids, findings: [{ messageId: 'spfPermerror', severity: 'error', data: { address: '199.255.192.0' } }] },
    { name: 'a syntax error in a nested include is a permerror',
      zone: withSes('mail TXT "v=spf1 include:_spf.example.com ~all"\n_spf TXT "v=spf1 include:amazonses.com foo ~all"'),
      identities: ids, findings: [{ messageId: 'spfPermerror' }] },
    { name: 'SES reached after 10 lookups is a permerror (RFC 7208 §4.6.4)',
      zone: withSes(`mail A 192.0.2.1\nmail TXT "v=spf1 ${'a '.repeat(10)}include:amazonses.com ~all"`),
      identities: ids, findings: [{ messageId: 'spfPermerror' }] },
    { name: 'a third void lookup before SES is a permerror (RFC 7208 §4.6.4)',
      zone: withSes('mail TXT "v=spf1 a:x1.example.com a:x2.example.com a:x3.example.com include:amazonses.com ~all"'),
      identities: ids, findings: [{ messageId: 'spfPermerror' }] },
    { name: 'an include of a name without SPF is a permerror', zone: withSes('mail TXT "v=spf1 include:none.example.com include:amazonses.com ~all"'),
      identities: ids, findings: [{ messageId: 'spfPermerror' }] },
    { name: 'a macro reached before SES cannot be evaluated without a message',
      zone: withSes('mail TXT "v=spf1 exists:%{i}.bl.example.com include:amazonses.com ~all"'),
      identities: ids, findings: [{ messageId: 'spfSesUnconfirmed', severity: 'notice' }] },
    { name: 'one MAIL FROM for two regions is checked once', zone: withSes('mail TXT "v=spf1 -all"'),
      identities: [...ids, identity({ region: 'eu-west-1', mailFrom: { domain: 'mail.example.com' } })],
      findings: [{ messageId: 'spfWithoutSes' }] },
  ],
});
