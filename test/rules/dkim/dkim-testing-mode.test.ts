import rule from '../../../rules/dkim/dkim-testing-mode.js';
import { runRuleCases } from '../../helpers/rule-tester.js';
import { RSA_2048, txt } from '../../dkim/keys.js';

const at = (record: string): string => `s1._domainkey ${txt(record)}`;

runRuleCases(rule, {
  valid: [
    { name: 'no t=', zone: at(`v=DKIM1; p=${RSA_2048}`), dkimSelectors: ['s1'] },
    { name: 't=s only (strict, not testing)', zone: at(`v=DKIM1; t=s; p=${RSA_2048}`), dkimSelectors: ['s1'] },
  ],
  invalid: [
    { name: 't=y', zone: at(`v=DKIM1; t=y; p=${RSA_2048}`), dkimSelectors: ['s1'], findings: [{ messageId: 'testingMode', data: { selector: 's1', flags: ['y'] } }] },
    { name: 't=s:y with spaces and upper case', zone: at(`v=DKIM1; t = s : Y; p=${RSA_2048}`), dkimSelectors: ['s1'], findings: [{ messageId: 'testingMode', data: { flags: ['s', 'y'] } }] },
  ],
});
