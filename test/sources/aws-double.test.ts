// The double must be reachable by the real SDK clients through the standard endpoint variables alone;
// these tests prove that for the SDK versions in package-lock.json before any maildns code relies on it.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GetEmailIdentityCommand, ListEmailIdentitiesCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetHostedZoneCommand, ListResourceRecordSetsCommand, Route53Client } from '@aws-sdk/client-route-53';
import { awsDoubleEnv, easyDkimIdentity, setEnv, startAwsDouble, type AwsDouble } from '../helpers/aws-double.js';

describe('AWS double reached through AWS_ENDPOINT_URL_* only', () => {
  let double: AwsDouble;
  let restore: () => void;
  before(async () => {
    double = await startAwsDouble();
    double.addIdentity('eu-west-1', 'example.test', easyDkimIdentity({ tokens: ['tok1'] }));
    double.addZone({
      id: 'ZDOUBLE1', name: 'example.test.', nameServers: ['ns1.example.test'],
      recordSets: [{ Name: 'example.test.', Type: 'TXT', TTL: 300, ResourceRecords: ['"caf\\351"'] }],
    });
    restore = setEnv({ ...awsDoubleEnv(double, 'eu-west-1'), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  });
  after(async () => {
    restore();
    await double.close();
  });

  it('SESv2 client built with only a region sends GetEmailIdentity to the double, signed for that region', async () => {
    const out = await new SESv2Client({ region: 'eu-west-1' }).send(new GetEmailIdentityCommand({ EmailIdentity: 'example.test' }));
    assert.deepEqual(out.DkimAttributes?.Tokens, ['tok1']);
    assert.equal(out.DkimAttributes?.LastKeyGenerationTimestamp?.getTime(), 1717000000 * 1000);
    const [request] = double.requestsFor('GetEmailIdentity');
    assert.equal(request?.region, 'eu-west-1');
    assert.equal(request?.path, '/v2/email/identities/example.test');
  });

  it('ListEmailIdentities in this SDK is POST /v2/email/list-identities with a JSON body', async () => {
    const out = await new SESv2Client({ region: 'eu-west-1' }).send(new ListEmailIdentitiesCommand({ PageSize: 5 }));
    assert.equal(out.EmailIdentities?.[0]?.IdentityName, 'example.test');
    const [request] = double.requestsFor('ListEmailIdentities');
    assert.equal(request?.method, 'POST');
    assert.deepEqual(JSON.parse(request?.body ?? ''), { PageSize: 5 });
  });

  it('Route 53 client sends GetHostedZone and ListResourceRecordSets to the double, prefix stripped', async () => {
    const client = new Route53Client({});
    const zone = await client.send(new GetHostedZoneCommand({ Id: '/hostedzone/ZDOUBLE1' }));
    assert.equal(zone.HostedZone?.Name, 'example.test.');
    assert.deepEqual(zone.DelegationSet?.NameServers, ['ns1.example.test']);
    assert.equal(double.requestsFor('GetHostedZone')[0]?.path, '/2013-04-01/hostedzone/ZDOUBLE1');
    const sets = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: 'ZDOUBLE1' }));
    assert.equal(sets.IsTruncated, false);
    assert.equal(sets.ResourceRecordSets?.[0]?.TTL, 300);
    assert.equal(sets.ResourceRecordSets?.[0]?.ResourceRecords?.[0]?.Value, '"caf\\351"');
  });

  it('errors arrive as the SDK parses them: SES 404 by name, Route 53 XML ErrorResponse by code', async () => {
    await assert.rejects(
      new SESv2Client({ region: 'eu-west-1' }).send(new GetEmailIdentityCommand({ EmailIdentity: 'nope.test' })),
      (error: Error & { $metadata?: { httpStatusCode?: number } }) =>
        error.name === 'NotFoundException' && error.$metadata?.httpStatusCode === 404,
    );
    await assert.rejects(
      new Route53Client({}).send(new GetHostedZoneCommand({ Id: 'ZMISSING' })),
      (error: Error) => error.name === 'NoSuchHostedZone' && /ZMISSING/.test(error.message),
    );
  });
});
