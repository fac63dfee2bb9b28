// Region facts SES does not return in its API: which regions offer SES at all, which DKIM zone a region
// signs from when GetEmailIdentity omits SigningHostedZone, and the MAIL FROM feedback host.
// Kept as data so a new region is a one-line change.

/**
 * Regions with an SES `email` endpoint (botocore endpoints.json, partitions aws, aws-us-gov and
 * aws-eusc), per ses-route53-rfc-facts.md §1. ap-east-1 and the China partition have none.
 */
export const SES_REGIONS: readonly string[] = [
  'af-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-5', 'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1', 'me-central-1', 'me-south-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1',
  'us-west-2', 'us-gov-east-1', 'us-gov-west-1', 'eusc-de-east-1',
];

/**
 * Regions whose Easy DKIM CNAMEs point into a regional zone instead of dkim.amazonses.com
 * (AWS General Reference "#ses_dkim_domains" as cited by Terraform modules; facts §1). Used only when
 * SigningHostedZone is absent. me-south-1 and us-gov-west-1 are believed to use the default (UNCERTAIN);
 * eusc-de-east-1 is unknown, so it has no fallback at all.
 */
const REGIONAL_DKIM_ZONES: ReadonlySet<string> = new Set([
  'af-south-1', 'ap-northeast-3', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-5', 'ca-west-1',
  'eu-central-2', 'eu-south-1', 'il-central-1', 'me-central-1', 'us-gov-east-1',
]);

const DEFAULT_DKIM_ZONE = 'dkim.amazonses.com';

/** The Easy DKIM zone for a region from the table, or undefined when the table does not know it. */
export function dkimZoneForRegion(region: string): string | undefined {
  if (region === 'eusc-de-east-1') return undefined;
  return REGIONAL_DKIM_ZONES.has(region) ? `dkim.${region}.amazonses.com` : DEFAULT_DKIM_ZONE;
}

/** The one MX a custom MAIL FROM domain must publish (SES developer guide, mail-from.md). */
export const MAIL_FROM_MX_PREFERENCE = 10;
export function feedbackHostForRegion(region: string): string {
  return `feedback-smtp.${region}.amazonses.com`;
}

/** The region of an SES feedback host ("feedback-smtp.eu-west-1.amazonses.com" -> "eu-west-1"), else undefined. */
export function feedbackRegionOf(exchange: string): string | undefined {
  return /^feedback-smtp\.([a-z0-9-]+)\.amazonses\.com$/.exec(exchange)?.[1];
}

/** The SPF include SES's documentation gives for a custom MAIL FROM domain. */
export const SES_SPF_INCLUDE = 'amazonses.com';

/** "us-east-1", "eu-central-2", "us-gov-west-1", "eusc-de-east-1". */
const REGION_SHAPE = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

export function isWellFormedRegion(region: string): boolean {
  return REGION_SHAPE.test(region);
}

/** AWS_SES_US_EAST_1 -> us-east-1 (a DEED replica's parent region); AWS_SES / EXTERNAL -> undefined. */
export function parentRegionOfOrigin(origin: string): string | undefined {
  const match = /^AWS_SES_([A-Z0-9_]+)$/.exec(origin);
  return match?.[1] ? match[1].toLowerCase().replace(/_/g, '-') : undefined;
}
