import rule from '../../../rules/dkim/dkim-record-invalid.js';
import { runRuleCases } from '../../helpers/rule-tester.js';
import { ED25519, RSA_1024, RSA_2048, txt } from '../../dkim/keys.js';

const at = (record: string): string => `s1._domainkey ${txt(record)}`;
const sel = { dkimSelectors: ['s1'] };

runRuleCases(rule, {
  valid: [
    { name: 'RSA with v and k', zone: at(`v=DKIM1; k=rsa; p=${RSA_2048}`), ...sel },
    { name: 'BYODKIM form: p= only (SES, CDK)', zone: at(`p=${RSA_2048}`), ...sel },
    { name: 'ed25519 (RFC 8463)', zone: at(`v=DKIM1; k=ed25519; p=${ED25519}`), ...sel },
    { name: 'trailing semicolon', zone: at(`v=DKIM1; p=${RSA_1024};`), ...sel },
    { name: 'revoked key is a valid record (dkim-key-revoked reports it)', zone: at('v=DKIM1; p='), ...sel },
    { name: 's=email', zone: at(`v=DKIM1; s=email; p=${RSA_2048}`), ...sel },
    { name: 's=* (the default, written out)', zone: at(`v=DKIM1; s=*; p=${RSA_2048}`), ...sel },
    { name: 's= with an unknown service beside email: the unknown one is ignored', zone: at(`v=DKIM1; s=tlsrpt : email; p=${RSA_2048}`), ...sel },
    { name: 's=EMAIL: service types are case-insensitive ABNF literals', zone: at(`v=DKIM1; s=EMAIL; p=${RSA_2048}`), ...sel },
    { name: 'k mismatch belongs to dkim-key-type-mismatch', zone: at(`v=DKIM1; k=ed25519; p=${RSA_1024}`), ...sel },
  ],
  invalid: [
    { name: 'empty TXT', zone: 's1._domainkey TXT ""', ...sel, findings: [{ messageId: 'empty', data: { selector: 's1' } }] },
    { name: 'space after the last ";"', zone: at('v=DKIM1; p=; '), ...sel, findings: [{ messageId: 'syntax', data: { record: 'v=DKIM1; p=; ' } }] },
    { name: 'word without "="', zone: at('v=DKIM1; k=rsa; omgwhatsgoingon'), ...sel, findings: [{ messageId: 'syntax' }] },
    { name: 'duplicate p', zone: at(`v=DKIM1; p=${RSA_1024}; p=`), ...sel, findings: [{ messageId: 'duplicateTag' }] },
    { name: 'v not first', zone: at(`p=${RSA_1024}; v=DKIM1`), ...sel, findings: [{ messageId: 'versionNotFirst' }] },
    { name: 'v=DKIM1 with a colon', zone: at(`v=DKIM1: k=rsa; p=${RSA_1024}`), ...sel, findings: [{ messageId: 'badVersion' }] },
    { name: 'lower-case dkim1', zone: at(`v=dkim1; p=${RSA_1024}`), ...sel, findings: [{ messageId: 'badVersion' }] },
    {
      name: 's= for another service only: e-mail verifiers ignore the key (RFC 6376 §3.6.1)',
      zone: at(`v=DKIM1; s=tlsrpt; p=${RSA_2048}`),
      ...sel,
      findings: [{ messageId: 'notForEmail', severity: 'error', data: { selector: 's1', detail: 's=tlsrpt lists neither "email" nor "*"' } }],
    },
    { name: 's= with two other services', zone: at(`v=DKIM1; s=tlsrpt:foo; p=${RSA_2048}`), ...sel, findings: [{ messageId: 'notForEmail' }] },
    { name: 'no p=', zone: at('v=DKIM1; k=rsa'), ...sel, findings: [{ messageId: 'missingKey' }] },
    { name: 'k names an algorithm', zone: at(`v=DKIM1; k=ed25519-sha256; p=${ED25519}`), ...sel, findings: [{ messageId: 'unknownKeyType' }] },
    { name: 'truncated key', zone: at(`v=DKIM1; p=${RSA_2048.slice(0, 200)}`), ...sel, findings: [{ messageId: 'badKey' }] },
    {
      name: 'each bad record of a selector, quoted',
      zone: `${at('v=DKIM1')}\ns1._domainkey TXT "v=DKIM2; p=x"`,
      ...sel,
      findings: [
        { messageId: 'missingKey', data: { record: 'v=DKIM1' } },
        { messageId: 'badVersion', data: { record: 'v=DKIM2; p=x' } },
      ],
    },
  ],
});
