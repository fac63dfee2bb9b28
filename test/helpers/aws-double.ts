// A local stand-in for the two AWS APIs maildns reads, speaking their wire formats so the REAL SDK
// clients can talk to it: SESv2 (REST-JSON) and Route 53 (REST-XML). Tests reach it only through the
// standard endpoint variables AWS_ENDPOINT_URL_SESV2 / AWS_ENDPOINT_URL_ROUTE_53 (see `awsDoubleEnv`),
// exactly as a user would point the SDK at LocalStack; no client method is stubbed.
//
// Wire formats follow ../../../shared/reference/ses-route53-rfc-facts.md §6 and §8, checked against
// @aws-sdk/client-sesv2 3.1176 / client-route-53 3.1169 in node_modules (ListEmailIdentities is
// `POST /v2/email/list-identities` with a JSON body in this SDK; the older GET form is accepted too).

import { after, afterEach, before, beforeEach } from 'node:test';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SesOperation = 'GetEmailIdentity' | 'ListEmailIdentities';
export type Route53Operation = 'ListHostedZonesByName' | 'GetHostedZone' | 'ListResourceRecordSets';
export type Operation = SesOperation | Route53Operation;

/** A scripted reply that replaces the normal one for the next request to an operation. */
export type ScriptedReply =
  | { status: number; code: string; message?: string }
  | { status: number; rawBody: string; contentType?: string }
  | 'pass';

/** The GetEmailIdentity JSON body, as SES sends it (timestamps epoch seconds). */
export type SesIdentityBody = Record<string, unknown>;

/** A ResourceRecordSet as Route 53 stores it: names absolute, values in Route 53's presentation form. */
export interface DoubleRecordSet {
  Name: string;
  Type: string;
  TTL?: number;
  SetIdentifier?: string;
  Weight?: number;
  Region?: string;
  Failover?: 'PRIMARY' | 'SECONDARY';
  MultiValueAnswer?: boolean;
  ResourceRecords?: string[];
  AliasTarget?: { HostedZoneId: string; DNSName: string; EvaluateTargetHealth: boolean };
}

export interface DoubleZone {
  /** Bare id ("Z1D633PJN98FT9"); responses carry "/hostedzone/<id>". */
  id: string;
  /** FQDN with trailing dot, as Route 53 returns it. */
  name: string;
  privateZone?: boolean;
  nameServers?: string[];
  recordSets: DoubleRecordSet[];
}

export interface RecordedRequest {
  operation: Operation | 'unknown';
  method: string;
  path: string;
  query: Record<string, string>;
  /** The region from the SigV4 credential scope, so multi-region SES runs can be told apart. */
  region: string | undefined;
  body: string;
}

/** Route 53's documented page size for ListResourceRecordSets. */
export const ROUTE53_MAX_RECORD_SETS_PER_PAGE = 300;
/** Route 53's documented page size for ListHostedZonesByName. */
export const ROUTE53_MAX_ZONES_PER_PAGE = 100;

export class AwsDouble {
  /** SES identities per region: region -> identity name -> GetEmailIdentity body. */
  readonly ses = new Map<string, Map<string, SesIdentityBody>>();
  readonly zones: DoubleZone[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Largest ListEmailIdentities page the double returns, whatever PageSize asks (a server may return fewer). */
  sesPageLimit = 1000;
  private readonly scripts = new Map<Operation, ScriptedReply[]>();
  private server: Server | undefined;
  url = '';

  /** Adds (or replaces) a domain identity in a region. */
  addIdentity(region: string, name: string, body: SesIdentityBody): this {
    let byName = this.ses.get(region);
    if (!byName) this.ses.set(region, (byName = new Map()));
    byName.set(name, body);
    return this;
  }

  addZone(zone: DoubleZone): this {
    this.zones.push(zone);
    return this;
  }

  /** The next requests to `operation` get these replies, in order; then normal service resumes. */
  script(operation: Operation, ...replies: ScriptedReply[]): this {
    this.scripts.set(operation, [...(this.scripts.get(operation) ?? []), ...replies]);
    return this;
  }

  /** Back to empty: no identities, zones, requests or scripted replies, default page size. */
  reset(): this {
    this.ses.clear();
    this.zones.length = 0;
    this.requests.length = 0;
    this.scripts.clear();
    this.sesPageLimit = 1000;
    return this;
  }

  requestsFor(operation: Operation): RecordedRequest[] {
    return this.requests.filter((r) => r.operation === operation);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', () => resolve()); // port 0: the OS picks a free one
    });
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://double');
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const operation = routeOf(method, path);
    this.requests.push({ operation, method, path, query, region: regionOf(req), body });

    if (operation === 'unknown') {
      send(res, 404, 'application/json', JSON.stringify({ message: `double: no route for ${method} ${path}` }));
      return;
    }
    const scripted = this.scripts.get(operation)?.shift();
    if (scripted && scripted !== 'pass') {
      if ('rawBody' in scripted) {
        send(res, scripted.status, scripted.contentType ?? contentTypeOf(operation), scripted.rawBody);
      } else if (isSes(operation)) {
        sendSesError(res, scripted.status, scripted.code, scripted.message ?? scripted.code);
      } else {
        sendRoute53Error(res, scripted.status, scripted.code, scripted.message ?? scripted.code);
      }
      return;
    }
    switch (operation) {
      case 'GetEmailIdentity':
        return this.getEmailIdentity(res, path, regionOf(req));
      case 'ListEmailIdentities':
        return this.listEmailIdentities(res, method === 'POST' ? parseJson(body) : query, regionOf(req));
      case 'ListHostedZonesByName':
        return this.listHostedZonesByName(res, query);
      case 'GetHostedZone':
        return this.getHostedZone(res, path);
      case 'ListResourceRecordSets':
        return this.listResourceRecordSets(res, path, query);
    }
  }

  private getEmailIdentity(res: ServerResponse, path: string, region: string | undefined): void {
    const name = decodeURIComponent(path.slice('/v2/email/identities/'.length));
    const identity = this.ses.get(region ?? '')?.get(name);
    if (!identity) {
      sendSesError(res, 404, 'NotFoundException', `Email identity ${name} does not exist.`);
      return;
    }
    send(res, 200, 'application/json', JSON.stringify(identity));
  }

  private listEmailIdentities(res: ServerResponse, input: Record<string, unknown>, region: string | undefined): void {
    const all = [...(this.ses.get(region ?? '') ?? new Map<string, SesIdentityBody>())].sort(([a], [b]) =>
      a.localeCompare(b),
    );
    const start = input['NextToken'] === undefined ? 0 : Number(input['NextToken']);
    const asked = input['PageSize'] === undefined ? 100 : Number(input['PageSize']);
    const size = Math.min(asked, this.sesPageLimit);
    const page = all.slice(start, start + size).map(([name, body]) => ({
      IdentityType: body['IdentityType'] ?? 'DOMAIN',
      IdentityName: name,
      SendingEnabled: body['VerifiedForSendingStatus'] ?? true,
      VerificationStatus: body['VerificationStatus'] ?? 'SUCCESS',
    }));
    const out: Record<string, unknown> = { EmailIdentities: page };
    if (start + size < all.length) out['NextToken'] = String(start + size);
    send(res, 200, 'application/json', JSON.stringify(out));
  }

  private listHostedZonesByName(res: ServerResponse, query: Record<string, string>): void {
    const sorted = [...this.zones].sort((a, b) => compareRoute53(a.name, b.name) || a.id.localeCompare(b.id));
    const startName = query['dnsname'] === undefined ? undefined : absolute(query['dnsname']);
    const startId = query['hostedzoneid'];
    let from = 0;
    if (startName !== undefined) {
      from = sorted.findIndex(
        (z) => compareRoute53(z.name, startName) > 0 || (z.name === startName && (!startId || z.id >= startId)),
      );
      if (from < 0) from = sorted.length;
    }
    const max = Math.min(Number(query['maxitems'] ?? ROUTE53_MAX_ZONES_PER_PAGE), ROUTE53_MAX_ZONES_PER_PAGE);
    const page = sorted.slice(from, from + max);
    const next = sorted[from + max];
    const xml = [
      `<HostedZones>${page.map(hostedZoneXml).join('')}</HostedZones>`,
      startName === undefined ? '' : `<DNSName>${esc(startName)}</DNSName>`,
      `<IsTruncated>${next !== undefined}</IsTruncated>`,
      next ? `<NextDNSName>${esc(next.name)}</NextDNSName><NextHostedZoneId>${esc(next.id)}</NextHostedZoneId>` : '',
      `<MaxItems>${max}</MaxItems>`,
    ].join('');
    sendXml(res, 'ListHostedZonesByNameResponse', xml);
  }

  private getHostedZone(res: ServerResponse, path: string): void {
    const zone = this.zoneOf(path);
    if (!zone) return sendRoute53Error(res, 404, 'NoSuchHostedZone', `No hosted zone found with ID: ${idOf(path)}`);
    const nameServers = zone.nameServers ?? [];
    const delegation = zone.privateZone
      ? '<VPCs><VPC><VPCRegion>us-east-1</VPCRegion><VPCId>vpc-0double</VPCId></VPC></VPCs>'
      : `<DelegationSet><NameServers>${nameServers.map((n) => `<NameServer>${esc(n)}</NameServer>`).join('')}</NameServers></DelegationSet>`;
    sendXml(res, 'GetHostedZoneResponse', hostedZoneXml(zone) + delegation);
  }

  private listResourceRecordSets(res: ServerResponse, path: string, query: Record<string, string>): void {
    const zone = this.zoneOf(path);
    if (!zone) return sendRoute53Error(res, 404, 'NoSuchHostedZone', `No hosted zone found with ID: ${idOf(path)}`);
    if (query['type'] !== undefined && query['name'] === undefined) {
      return sendRoute53Error(res, 400, 'InvalidInput', 'The input is not valid: type given without name');
    }
    const sorted = [...zone.recordSets].sort(compareRecordSets);
    let from = 0;
    if (query['name'] !== undefined) {
      const start: DoubleRecordSet = { Name: absolute(query['name']), Type: query['type'] ?? '' };
      if (query['identifier'] !== undefined) start.SetIdentifier = query['identifier'];
      from = sorted.findIndex((set) => compareRecordSets(set, start) >= 0);
      if (from < 0) from = sorted.length;
    }
    const max = Math.min(Number(query['maxitems'] ?? ROUTE53_MAX_RECORD_SETS_PER_PAGE), ROUTE53_MAX_RECORD_SETS_PER_PAGE);
    const page = sorted.slice(from, from + max);
    const next = sorted[from + max];
    const xml = [
      `<ResourceRecordSets>${page.map(recordSetXml).join('')}</ResourceRecordSets>`,
      `<IsTruncated>${next !== undefined}</IsTruncated>`,
      next ? `<NextRecordName>${esc(next.Name)}</NextRecordName><NextRecordType>${esc(next.Type)}</NextRecordType>` : '',
      next?.SetIdentifier ? `<NextRecordIdentifier>${esc(next.SetIdentifier)}</NextRecordIdentifier>` : '',
      `<MaxItems>${max}</MaxItems>`,
    ].join('');
    sendXml(res, 'ListResourceRecordSetsResponse', xml);
  }

  private zoneOf(path: string): DoubleZone | undefined {
    const id = idOf(path);
    return this.zones.find((z) => z.id === id);
  }
}

/** Starts a double on a free 127.0.0.1 port. */
export async function startAwsDouble(): Promise<AwsDouble> {
  return new AwsDouble().start();
}

/**
 * One double for the enclosing describe block: each test finds it empty and the environment pointing
 * the SDK at it (in `region`), restored after the test.
 */
export function useAwsDouble(region = 'us-east-1'): { readonly double: AwsDouble } {
  const handle = {} as { double: AwsDouble };
  let restore = (): void => {};
  before(async () => {
    handle.double = await startAwsDouble();
  });
  after(() => handle.double.close());
  beforeEach(() => {
    handle.double.reset();
    restore = setEnv(awsDoubleEnv(handle.double, region));
  });
  afterEach(() => restore());
  return handle;
}

/**
 * The environment a user would set to point the SDK at the double: the standard per-service endpoint
 * variables, static test credentials, and no shared config or instance metadata (tests only talk to
 * 127.0.0.1).
 */
export function awsDoubleEnv(double: AwsDouble, region = 'us-east-1'): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_SESV2: double.url,
    AWS_ENDPOINT_URL_ROUTE_53: double.url,
    AWS_ACCESS_KEY_ID: 'AKIDDOUBLE',
    AWS_SECRET_ACCESS_KEY: 'double-secret',
    AWS_REGION: region,
    AWS_CONFIG_FILE: '/nonexistent/maildns-test-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/maildns-test-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Sets variables on process.env; returns a function that puts the previous values back. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  apply(vars);
  return () => apply(previous);
  function apply(values: Record<string, string | undefined>): void {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Easy DKIM identity body in the shape GetEmailIdentity returns (§6 example). */
export function easyDkimIdentity(options: {
  tokens: string[];
  signingHostedZone?: string | null;
  status?: string;
  signingEnabled?: boolean;
  origin?: string;
  mailFrom?: { domain: string; status?: string; behavior?: string };
  verificationStatus?: string;
  errorType?: string;
  soaSerial?: number;
  keyLength?: string;
}): SesIdentityBody {
  const dkim: Record<string, unknown> = {
    SigningEnabled: options.signingEnabled ?? true,
    Status: options.status ?? 'SUCCESS',
    Tokens: options.tokens,
    SigningAttributesOrigin: options.origin ?? 'AWS_SES',
    CurrentSigningKeyLength: options.keyLength ?? 'RSA_2048_BIT',
    NextSigningKeyLength: options.keyLength ?? 'RSA_2048_BIT',
    LastKeyGenerationTimestamp: 1717000000,
  };
  if (options.signingHostedZone !== null) dkim['SigningHostedZone'] = options.signingHostedZone ?? 'dkim.amazonses.com';
  const body: SesIdentityBody = {
    IdentityType: 'DOMAIN',
    FeedbackForwardingStatus: true,
    VerifiedForSendingStatus: (options.verificationStatus ?? 'SUCCESS') === 'SUCCESS',
    DkimAttributes: dkim,
    Policies: {},
    Tags: [],
    VerificationStatus: options.verificationStatus ?? 'SUCCESS',
    VerificationInfo: {
      LastCheckedTimestamp: 1717003600,
      LastSuccessTimestamp: 1717003600,
      ...(options.errorType ? { ErrorType: options.errorType } : {}),
      SOARecord: {
        PrimaryNameServer: 'ns1.example.test',
        AdminEmail: 'hostmaster.example.test',
        SerialNumber: options.soaSerial ?? 1,
      },
    },
  };
  if (options.mailFrom) {
    body['MailFromAttributes'] = {
      MailFromDomain: options.mailFrom.domain,
      MailFromDomainStatus: options.mailFrom.status ?? 'SUCCESS',
      BehaviorOnMxFailure: options.mailFrom.behavior ?? 'USE_DEFAULT_VALUE',
    };
  }
  return body;
}

// --- routing -------------------------------------------------------------------------------------

function routeOf(method: string, path: string): Operation | 'unknown' {
  if (method === 'POST' && path === '/v2/email/list-identities') return 'ListEmailIdentities';
  if (method === 'GET' && path === '/v2/email/identities') return 'ListEmailIdentities';
  if (method === 'GET' && /^\/v2\/email\/identities\/[^/]+$/.test(path)) return 'GetEmailIdentity';
  if (method === 'GET' && path === '/2013-04-01/hostedzonesbyname') return 'ListHostedZonesByName';
  if (method === 'GET' && /^\/2013-04-01\/hostedzone\/[^/]+$/.test(path)) return 'GetHostedZone';
  if (method === 'GET' && /^\/2013-04-01\/hostedzone\/[^/]+\/rrset$/.test(path)) return 'ListResourceRecordSets';
  return 'unknown';
}

function isSes(operation: Operation): operation is SesOperation {
  return operation === 'GetEmailIdentity' || operation === 'ListEmailIdentities';
}

function contentTypeOf(operation: Operation): string {
  return isSes(operation) ? 'application/json' : 'text/xml';
}

/** "AWS4-HMAC-SHA256 Credential=AKID/20261127/eu-west-1/ses/aws4_request, ..." -> "eu-west-1". */
function regionOf(req: IncomingMessage): string | undefined {
  const auth = req.headers['authorization'];
  return typeof auth === 'string' ? /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(auth)?.[1] : undefined;
}

function idOf(path: string): string {
  return decodeURIComponent(path.split('/')[3] ?? '');
}

// --- Route 53 ordering: labels reversed, then type, then set identifier ------------------------------

function reversedLabels(name: string): string {
  return absolute(name).toLowerCase().slice(0, -1).split('.').reverse().join('.');
}

function compareRoute53(a: string, b: string): number {
  const ra = reversedLabels(a);
  const rb = reversedLabels(b);
  return ra < rb ? -1 : ra > rb ? 1 : 0;
}

function compareRecordSets(a: DoubleRecordSet, b: DoubleRecordSet): number {
  return (
    compareRoute53(a.Name, b.Name) ||
    (a.Type < b.Type ? -1 : a.Type > b.Type ? 1 : 0) ||
    (a.SetIdentifier ?? '').localeCompare(b.SetIdentifier ?? '')
  );
}

function absolute(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

// --- serialisation ---------------------------------------------------------------------------------

function hostedZoneXml(zone: DoubleZone): string {
  return (
    `<HostedZone><Id>/hostedzone/${esc(zone.id)}</Id><Name>${esc(zone.name)}</Name>` +
    `<CallerReference>double-${esc(zone.id)}</CallerReference>` +
    `<Config><PrivateZone>${zone.privateZone === true}</PrivateZone></Config>` +
    `<ResourceRecordSetCount>${zone.recordSets.length}</ResourceRecordSetCount></HostedZone>`
  );
}

function recordSetXml(set: DoubleRecordSet): string {
  const parts = [`<Name>${esc(set.Name)}</Name>`, `<Type>${esc(set.Type)}</Type>`];
  if (set.SetIdentifier !== undefined) parts.push(`<SetIdentifier>${esc(set.SetIdentifier)}</SetIdentifier>`);
  if (set.Weight !== undefined) parts.push(`<Weight>${set.Weight}</Weight>`);
  if (set.Region !== undefined) parts.push(`<Region>${esc(set.Region)}</Region>`);
  if (set.Failover !== undefined) parts.push(`<Failover>${set.Failover}</Failover>`);
  if (set.MultiValueAnswer !== undefined) parts.push(`<MultiValueAnswer>${set.MultiValueAnswer}</MultiValueAnswer>`);
  if (set.TTL !== undefined) parts.push(`<TTL>${set.TTL}</TTL>`);
  if (set.ResourceRecords) {
    const records = set.ResourceRecords.map((v) => `<ResourceRecord><Value>${esc(v)}</Value></ResourceRecord>`);
    parts.push(`<ResourceRecords>${records.join('')}</ResourceRecords>`);
  }
  if (set.AliasTarget) {
    const a = set.AliasTarget;
    parts.push(
      `<AliasTarget><HostedZoneId>${esc(a.HostedZoneId)}</HostedZoneId><DNSName>${esc(a.DNSName)}</DNSName>` +
        `<EvaluateTargetHealth>${a.EvaluateTargetHealth}</EvaluateTargetHealth></AliasTarget>`,
    );
  }
  return `<ResourceRecordSet>${parts.join('')}</ResourceRecordSet>`;
}

const ROUTE53_XMLNS = 'https://route53.amazonaws.com/doc/2013-04-01/';

function sendXml(res: ServerResponse, root: string, inner: string): void {
  send(res, 200, 'text/xml', `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${ROUTE53_XMLNS}">${inner}</${root}>`);
}

function sendRoute53Error(res: ServerResponse, status: number, code: string, message: string): void {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  send(
    res,
    status,
    'text/xml',
    `<?xml version="1.0"?>\n<ErrorResponse xmlns="${ROUTE53_XMLNS}"><Error><Type>${type}</Type>` +
      `<Code>${esc(code)}</Code><Message>${esc(message)}</Message></Error>` +
      `<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`,
  );
}

/** Both the header and the body, as the reference advises: SDK builds differ in which they read first. */
function sendSesError(res: ServerResponse, status: number, code: string, message: string): void {
  res.setHeader('x-amzn-ErrorType', `${code}:http://internal.amazon.com/coral/com.amazonaws.sesv2/`);
  res.setHeader('x-amzn-RequestId', '00000000-0000-0000-0000-000000000000');
  send(res, status, 'application/json', JSON.stringify({ __type: code, message }));
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  return JSON.parse(body) as Record<string, unknown>;
}
