// SES as a source: the account's domain identities (ListEmailIdentities, GetEmailIdentity) in one or
// more regions, and what each expects to find in DNS (Easy DKIM CNAMEs, BYODKIM selector, MAIL FROM MX).

import type { GetEmailIdentityCommandOutput, SESv2Client } from '@aws-sdk/client-sesv2';
import { normaliseName } from '../dns/types.js';
import { Semaphore } from '../dns/semaphore.js';
import { createSesClient, sesSdk } from './aws-clients.js';
import { AwsSourceError, toAwsSourceError } from './aws-errors.js';
import {
  dkimZoneForRegion,
  feedbackHostForRegion,
  isWellFormedRegion,
  MAIL_FROM_MX_PREFERENCE,
  parentRegionOfOrigin,
  SES_REGIONS,
} from './ses-regions.js';
import { byCodepoint } from '../order.js';

export interface SesDkim {
  /** `easy` for AWS_SES and DEED replicas (AWS_SES_<REGION>), `byodkim` for EXTERNAL. */
  method: 'easy' | 'byodkim';
  /** SigningAttributesOrigin as SES sent it (an open string: new regions get added). */
  origin: string;
  /** A DEED replica's parent region, whose DNS records the replica uses. */
  parentRegion?: string;
  status?: string;
  signingEnabled?: boolean;
  /** Easy DKIM: the tokens (selectors); BYODKIM: the one selector. */
  tokens: string[];
  /** Easy DKIM only: the zone the CNAMEs point into, normalised. */
  signingHostedZone?: string;
  /** Whether signingHostedZone came from the API or from maildns's region table. */
  signingHostedZoneFrom?: 'api' | 'region-table';
  currentKeyLength?: string;
  nextKeyLength?: string;
}

export interface SesMailFrom {
  domain: string;
  status?: string;
  behaviorOnMxFailure?: string;
}

export interface SesSoa {
  primaryNameServer?: string;
  adminEmail?: string;
  serial?: number;
}

export interface SesIdentity {
  /** The domain, normalised. */
  name: string;
  region: string;
  verificationStatus?: string;
  verifiedForSending?: boolean;
  dkim: SesDkim;
  mailFrom?: SesMailFrom;
  errorType?: string;
  /** The SOA SES saw when it last checked the domain. */
  soa?: SesSoa;
  lastChecked?: string;
  lastSuccess?: string;
}

export interface SesInventory {
  identities: SesIdentity[];
  /** Named identities SES does not have in any of the regions asked. */
  missing: { name: string; regions: string[] }[];
  /** Regions asked that are not in maildns's SES region table (they answered, so they were kept). */
  warnings: string[];
}

export interface LoadSesOptions {
  /** Regions to read; default: the SDK's configured region (AWS_REGION / profile). */
  regions?: readonly string[];
  /** Identity names to read; default: every DOMAIN identity of each region. */
  names?: readonly string[];
  /** How many GetEmailIdentity calls run at once per region (SES throttles at about 1/s per account for some calls). */
  concurrency?: number;
}

const DEFAULT_CONCURRENCY = 4;
/** ListEmailIdentities accepts PageSize up to 1000 (SESv2 API reference). */
const LIST_PAGE_SIZE = 1000;

/** Reads SES domain identities. Throws AwsSourceError (exit 3) on any AWS failure. */
export async function loadSesIdentities(options: LoadSesOptions = {}): Promise<SesInventory> {
  const regions = await resolveRegions(options.regions);
  const warnings = regions
    .filter((r) => !SES_REGIONS.includes(r))
    .map((r) => `Region "${r}" is not in maildns's SES region table; its DKIM zone comes from SigningHostedZone only.`);
  const names = options.names?.map(normaliseName);
  const perRegion = await Promise.all(
    regions.map(async (region) => {
      const client = await createSesClient(region);
      try {
        const listed = names === undefined;
        const wanted = names ?? (await listDomainIdentities(client, region));
        const semaphore = new Semaphore(options.concurrency ?? DEFAULT_CONCURRENCY);
        const found = await Promise.all(wanted.map((name) => semaphore.run(() => getIdentity(client, region, name))));
        // A listed identity that GetEmailIdentity then does not find (deleted in between) is reported as
        // missing in this region, not dropped: it was silently absent from the report.
        const gone = listed ? wanted.filter((_, i) => found[i] === undefined) : [];
        return { identities: found.filter((i): i is SesIdentity => i !== undefined), gone: gone.map((name) => ({ name, regions: [region] })) };
      } finally {
        client.destroy();
      }
    }),
  );
  const identities = perRegion.flatMap((r) => r.identities).sort((a, b) => byCodepoint(a.name, b.name) || byCodepoint(a.region, b.region));
  const missing = [
    ...(names ?? []).filter((name) => !identities.some((i) => i.name === name)).map((name) => ({ name, regions })),
    ...perRegion.flatMap((r) => r.gone),
  ];
  return { identities, missing, warnings };
}

async function resolveRegions(asked: readonly string[] | undefined): Promise<string[]> {
  if (asked && asked.length > 0) {
    for (const region of asked) {
      if (!isWellFormedRegion(region)) {
        throw new AwsSourceError('unknown-region', `"${region}" is not an AWS region name (like "us-east-1").`, { region });
      }
    }
    return [...new Set(asked)].sort();
  }
  const client = await createSesClient();
  try {
    return [await client.config.region()];
  } catch (error) {
    throw toAwsSourceError(error, { operation: 'ListEmailIdentities' });
  } finally {
    client.destroy();
  }
}

async function listDomainIdentities(client: SESv2Client, region: string): Promise<string[]> {
  const { paginateListEmailIdentities } = await sesSdk();
  const names: string[] = [];
  try {
    for await (const page of paginateListEmailIdentities({ client, pageSize: LIST_PAGE_SIZE }, {})) {
      for (const identity of page.EmailIdentities ?? []) {
        if (identity.IdentityType === 'DOMAIN' && identity.IdentityName) names.push(normaliseName(identity.IdentityName));
      }
    }
  } catch (error) {
    throw regionAware(toAwsSourceError(error, { operation: 'ListEmailIdentities', region }), region);
  }
  return names;
}

async function getIdentity(client: SESv2Client, region: string, name: string): Promise<SesIdentity | undefined> {
  const { GetEmailIdentityCommand } = await sesSdk();
  let output: GetEmailIdentityCommandOutput;
  try {
    output = await client.send(new GetEmailIdentityCommand({ EmailIdentity: name }));
  } catch (error) {
    const mapped = regionAware(toAwsSourceError(error, { operation: 'GetEmailIdentity', region, subject: name }), region);
    if (mapped.kind === 'not-found') return undefined;
    throw mapped;
  }
  if (output.IdentityType !== undefined && output.IdentityType !== 'DOMAIN') return undefined;
  return parseIdentity(name, region, output);
}

/** A host-not-found for SES's regional endpoint means the region does not exist (or has no SES). */
export function regionAware(error: AwsSourceError, region: string): AwsSourceError {
  if (error.kind !== 'network') return error;
  const cause = error.cause as { code?: string; hostname?: string } | undefined;
  if (cause?.code === 'ENOTFOUND' && cause.hostname === `email.${region}.amazonaws.com`) {
    return new AwsSourceError('unknown-region', `SES has no endpoint in region "${region}" (${cause.hostname} does not resolve).`, {
      ...error.details,
      region,
    });
  }
  return error;
}

/** GetEmailIdentity output -> SesIdentity. Exported so rules tests can build identities from API JSON. */
export function parseIdentity(name: string, region: string, output: Partial<GetEmailIdentityCommandOutput>): SesIdentity {
  const attributes = output.DkimAttributes ?? {};
  const origin = attributes.SigningAttributesOrigin ?? 'AWS_SES';
  const parentRegion = parentRegionOfOrigin(origin);
  const dkim: SesDkim = {
    method: origin === 'EXTERNAL' ? 'byodkim' : 'easy',
    origin,
    tokens: (attributes.Tokens ?? []).map((t) => t.toLowerCase()),
  };
  if (parentRegion) dkim.parentRegion = parentRegion;
  if (attributes.Status !== undefined) dkim.status = attributes.Status;
  if (attributes.SigningEnabled !== undefined) dkim.signingEnabled = attributes.SigningEnabled;
  if (attributes.CurrentSigningKeyLength) dkim.currentKeyLength = attributes.CurrentSigningKeyLength;
  if (attributes.NextSigningKeyLength) dkim.nextKeyLength = attributes.NextSigningKeyLength;
  if (dkim.method === 'easy') {
    if (attributes.SigningHostedZone) {
      dkim.signingHostedZone = normaliseName(attributes.SigningHostedZone);
      dkim.signingHostedZoneFrom = 'api';
    } else {
      // A replica's records are its parent's, so the parent region's zone applies (facts §1, DEED).
      const zone = dkimZoneForRegion(parentRegion ?? region);
      if (zone) {
        dkim.signingHostedZone = zone;
        dkim.signingHostedZoneFrom = 'region-table';
      }
    }
  }
  const identity: SesIdentity = { name: normaliseName(name), region, dkim };
  if (output.VerificationStatus) identity.verificationStatus = output.VerificationStatus;
  if (output.VerifiedForSendingStatus !== undefined) identity.verifiedForSending = output.VerifiedForSendingStatus;
  // A missing object or an empty MailFromDomain both mean "no custom MAIL FROM" (facts §6, UNCERTAIN).
  const mailFrom = output.MailFromAttributes;
  if (mailFrom?.MailFromDomain) {
    identity.mailFrom = { domain: normaliseName(mailFrom.MailFromDomain) };
    if (mailFrom.MailFromDomainStatus) identity.mailFrom.status = mailFrom.MailFromDomainStatus;
    if (mailFrom.BehaviorOnMxFailure) identity.mailFrom.behaviorOnMxFailure = mailFrom.BehaviorOnMxFailure;
  }
  const info = output.VerificationInfo;
  if (info?.ErrorType) identity.errorType = info.ErrorType;
  if (info?.SOARecord) {
    const soa: SesSoa = {};
    if (info.SOARecord.PrimaryNameServer) soa.primaryNameServer = normaliseName(info.SOARecord.PrimaryNameServer);
    if (info.SOARecord.AdminEmail) soa.adminEmail = info.SOARecord.AdminEmail;
    if (info.SOARecord.SerialNumber !== undefined) soa.serial = Number(info.SOARecord.SerialNumber);
    identity.soa = soa;
  }
  if (info?.LastCheckedTimestamp) identity.lastChecked = info.LastCheckedTimestamp.toISOString();
  if (info?.LastSuccessTimestamp) identity.lastSuccess = info.LastSuccessTimestamp.toISOString();
  return identity;
}

// --- what DNS should hold for an identity ---------------------------------------------------------

export interface DkimCnameExpectation {
  token: string;
  name: string;
  target: string;
}

export interface SesExpectations {
  /** Easy DKIM: one CNAME per token (empty when the DKIM zone is unknown). */
  dkimCnames: DkimCnameExpectation[];
  /** BYODKIM: the selector's TXT name (its value is the user's key, unknown to SES's API). */
  byodkimKeyNames: { selector: string; name: string }[];
  mailFrom?: { domain: string; preference: number; exchange: string };
}

export function sesExpectations(identity: SesIdentity): SesExpectations {
  const { dkim } = identity;
  const expectations: SesExpectations = { dkimCnames: [], byodkimKeyNames: [] };
  if (dkim.method === 'easy' && dkim.signingHostedZone) {
    for (const token of dkim.tokens) {
      expectations.dkimCnames.push({
        token,
        name: `${token}._domainkey.${identity.name}`,
        target: `${token}.${dkim.signingHostedZone}`,
      });
    }
  }
  if (dkim.method === 'byodkim') {
    for (const selector of dkim.tokens) {
      expectations.byodkimKeyNames.push({ selector, name: `${selector}._domainkey.${identity.name}` });
    }
  }
  if (identity.mailFrom) {
    expectations.mailFrom = {
      domain: identity.mailFrom.domain,
      preference: MAIL_FROM_MX_PREFERENCE,
      exchange: feedbackHostForRegion(identity.region),
    };
  }
  return expectations;
}
