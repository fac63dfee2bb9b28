import rule from '../../../rules/spf/spf-version-glued.js';
import { runRuleCases } from '../../helpers/rule-tester.js';

runRuleCases(rule, {
  valid: [
    { name: 'space after version', zone: '@ TXT "v=spf1 -all"' },
    { name: 'bare version', zone: '@ TXT "v=spf1"' },
    { name: 'split after the space', zone: '@ TXT "v=spf1 " "include:amazonses.com ~all"' },
  ],
  invalid: [
    { name: 'v=spf10', zone: '@ TXT "v=spf10 -all"', findings: [{ messageId: 'versionGlued', data: { start: 'v=spf10' } }] },
    {
      name: 'strings joined without the space',
      zone: '@ TXT "v=spf1" "include:amazonses.com ~all"',
      findings: [{ messageId: 'versionGlued', data: { record: 'v=spf1include:amazonses.com ~all', start: 'v=spf1include:amazonses.com' } }],
    },
  ],
});
