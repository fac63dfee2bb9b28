import rule from '../../../rules/ses/ses-identity-status.js';
import { identity, runSesRuleCases } from './ses-rule-cases.js';

runSesRuleCases(rule, {
  valid: [
    { name: 'verified and signing', zone: '', identities: [identity()] },
    { name: 'no SES facts at all', zone: '', identities: [] },
  ],
  invalid: [
    { name: 'a positive result', zone: '', identities: [identity()],
      findings: [{ messageId: 'identityVerified', severity: 'info', data: { region: 'us-east-1' } }] },
    { name: 'named but absent from every region', zone: '', identities: [], notFoundInRegions: ['eu-west-1', 'us-east-1'],
      findings: [{ messageId: 'identityNotFound', data: { domain: 'example.com', regions: ['eu-west-1', 'us-east-1'] } }] },
    { name: 'signing disabled while SUCCESS', zone: '', identities: [identity({ signingEnabled: false })],
      findings: [{ messageId: 'signingDisabled', data: { status: 'SUCCESS' } }] },
    { name: 'FAILED with HOST_NOT_FOUND', zone: '', identities: [identity({ status: 'FAILED', errorType: 'HOST_NOT_FOUND' })],
      findings: [{ messageId: 'dkimFailed' }, { messageId: 'verificationError', data: { errorType: 'HOST_NOT_FOUND' } }] },
    { name: 'pending', zone: '', identities: [identity({ status: 'PENDING' })],
      findings: [{ messageId: 'dkimNotVerified', data: { status: 'PENDING' } }] },
    { name: '1024-bit Easy DKIM key', zone: '', identities: [identity({ keyLength: 'RSA_1024_BIT' })],
      findings: [{ messageId: 'signingKey1024' }] },
    { name: 'one bad region among two', zone: '', identities: [identity(), identity({ region: 'eu-west-1', status: 'TEMPORARY_FAILURE' })],
      findings: [{ messageId: 'dkimNotVerified', data: { region: 'eu-west-1', status: 'TEMPORARY_FAILURE' } }] },
  ],
});
