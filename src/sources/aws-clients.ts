// SDK clients built the standard way: region, credentials and endpoint come from the default provider
// chain (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_SESV2 / AWS_ENDPOINT_URL_ROUTE_53, shared config),
// never from maildns code, so users and tests configure them the same way.

import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Route53Client } from '@aws-sdk/client-route-53';

type SesSdk = typeof import('@aws-sdk/client-sesv2');
type Route53Sdk = typeof import('@aws-sdk/client-route-53');
let sesModule: Promise<SesSdk> | undefined;
let route53Module: Promise<Route53Sdk> | undefined;

/**
 * The SDK modules, loaded on first use. Loading both takes ~0.15 s (a third of a one-domain
 * `maildns check`), which runs that never talk to AWS should not pay.
 */
export const sesSdk = (): Promise<SesSdk> => (sesModule ??= import('@aws-sdk/client-sesv2'));
export const route53Sdk = (): Promise<Route53Sdk> => (route53Module ??= import('@aws-sdk/client-route-53'));

/**
 * @aws-sdk/core announces on Node < 22 that SDK releases after early January 2027 will need Node 22
 * (process.emitWarning in emitWarningIfUnsupportedVersion, once per process, at client construction).
 * maildns's engines field (node >= 20.19) is true for the SDK versions it locks, so that notice would
 * only pollute reports on stderr. The SDK's own switch for exactly this warning is the variable below;
 * it is set only while a client is constructed and only when the user has not set it, so every other
 * warning still reaches the user.
 */
const NODE_VERSION_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

function withoutNodeVersionWarning<T>(construct: () => T): T {
  if (process.env[NODE_VERSION_WARNING_SWITCH] !== undefined) return construct();
  process.env[NODE_VERSION_WARNING_SWITCH] = 'true';
  try {
    return construct();
  } finally {
    delete process.env[NODE_VERSION_WARNING_SWITCH];
  }
}

/**
 * How long one AWS request may take, in milliseconds: MAILDNS_AWS_TIMEOUT_MS, default 30 s. The SDK's
 * own default is no limit at all, so an endpoint that accepted the connection and never answered hung
 * `check --ses` and `drift` for good; now the request fails (the SDK retries it, as it does a
 * throttled one) and the run ends with exit 3 naming the operation. 30 s is far above what SES and
 * Route 53 take for one page of results.
 */
export const DEFAULT_AWS_TIMEOUT_MS = 30_000;

function requestHandler(): { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: true } {
  const configured = Number(process.env.MAILDNS_AWS_TIMEOUT_MS);
  const timeout = Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_AWS_TIMEOUT_MS;
  return { connectionTimeout: timeout, requestTimeout: timeout, throwOnRequestTimeout: true };
}

/** An SESv2 client for one region; `region` undefined means the SDK's default chain decides. */
export async function createSesClient(region?: string): Promise<SESv2Client> {
  const { SESv2Client } = await sesSdk();
  return withoutNodeVersionWarning(() => new SESv2Client({ ...(region ? { region } : {}), requestHandler: requestHandler() }));
}

/**
 * Route 53 is global: the endpoint rules pick route53.amazonaws.com (signed for us-east-1) for every
 * region of the aws partition, so a configured region only matters for other partitions (GovCloud).
 * Users who run `maildns drift --declared route53:…` often have no region set; rather than fail, use
 * the configured one when there is one and us-east-1 otherwise.
 */
export async function createRoute53Client(): Promise<Route53Client> {
  const { Route53Client } = await route53Sdk();
  const client = withoutNodeVersionWarning(() => new Route53Client({ requestHandler: requestHandler() }));
  try {
    await client.config.region();
    return client;
  } catch {
    client.destroy();
    return withoutNodeVersionWarning(() => new Route53Client({ region: ROUTE53_DEFAULT_REGION, requestHandler: requestHandler() }));
  }
}

const ROUTE53_DEFAULT_REGION = 'us-east-1';
