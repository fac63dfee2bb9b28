import rule from '../../../rules/dkim/dkim-sha1-only.js';
import { runRuleCases } from '../../helpers/rule-tester.js';
import { RSA_2048, txt } from '../../dkim/keys.js';

const at = (record: string): string => `s1._domainkey ${txt(record)}`;

runRuleCases(rule, {
  valid: [
    { name: 'no h= (all hashes)', zone: at(`v=DKIM1; p=${RSA_2048}`), dkimSelectors: ['s1'] },
    { name: 'h=sha256', zone: at(`v=DKIM1; h=sha256; p=${RSA_2048}`), dkimSelectors: ['s1'] },
    { name: 'h=sha1:sha256', zone: at(`v=DKIM1; h=sha1:sha256; p=${RSA_2048}`), dkimSelectors: ['s1'] },
  ],
  invalid: [
    { name: 'h=sha1', zone: at(`v=DKIM1; h=sha1; p=${RSA_2048}`), dkimSelectors: ['s1'], findings: [{ messageId: 'sha1Only', data: { hashes: 'sha1' } }] },
    { name: 'h=SHA1 is case-insensitive', zone: at(`v=DKIM1; h=SHA1; p=${RSA_2048}`), dkimSelectors: ['s1'], findings: [{ messageId: 'sha1Only', data: { hashes: 'sha1' } }] },
  ],
});
