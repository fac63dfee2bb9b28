// AWS failures as maildns reports them: one typed error with a kind the CLI maps to exit status 3, and
// a message that says what to do. Nothing about a domain is printed as "ok" after one of these.

import { escapeText } from '../report/escape.js';

export type AwsErrorKind =
  | 'credentials' // none found, or rejected by AWS
  | 'region' // no region configured
  | 'unknown-region' // a region SES does not serve
  | 'access-denied'
  | 'throttled' // still throttled after the SDK's retries
  | 'not-found'
  | 'malformed' // the response could not be parsed
  | 'network'
  | 'service';

/** Exit status for every AWS failure (the CLI's "could not check" status). */
export const AWS_ERROR_EXIT_CODE = 3;

export class AwsSourceError extends Error {
  override readonly name = 'AwsSourceError';
  readonly exitCode = AWS_ERROR_EXIT_CODE;
  constructor(
    readonly kind: AwsErrorKind,
    message: string,
    readonly details: { operation?: string; permission?: string; region?: string; code?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The IAM action each API call needs; AccessDenied names it so the fix is one policy line. */
export const PERMISSION_OF: Readonly<Record<string, string>> = {
  GetEmailIdentity: 'ses:GetEmailIdentity',
  ListEmailIdentities: 'ses:ListEmailIdentities',
  ListHostedZonesByName: 'route53:ListHostedZonesByName',
  GetHostedZone: 'route53:GetHostedZone',
  ListResourceRecordSets: 'route53:ListResourceRecordSets',
};

const CREDENTIAL_REJECTED = new Set([
  'InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'ExpiredToken',
  'ExpiredTokenException', 'InvalidSignatureException', 'IncompleteSignature',
]);
const THROTTLED = new Set(['TooManyRequestsException', 'Throttling', 'ThrottlingException', 'PriorRequestNotComplete']);
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied']);

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: unknown;
  $responseBodyText?: string;
}

/** Turns whatever the SDK threw into an AwsSourceError. `where` names the call for the message. */
export function toAwsSourceError(error: unknown, where: { operation: string; region?: string; subject?: string }): AwsSourceError {
  if (error instanceof AwsSourceError) return error;
  const raw = (error ?? {}) as SdkErrorShape;
  // What AWS (or whatever answers at the endpoint) says is quoted escaped: a line break in it would
  // otherwise print a line of its own on stderr ("maildns: …" forged by the server).
  const e: SdkErrorShape = { ...raw, ...(raw.message !== undefined ? { message: escapeText(raw.message) } : {}) };
  const name = escapeText(raw.name ?? 'Error');
  const status = e.$metadata?.httpStatusCode;
  const { operation, region } = where;
  const at = `${operation}${where.subject ? ` for "${escapeText(where.subject)}"` : ''}${region ? ` in ${escapeText(region)}` : ''}`;
  const details = { operation, code: name, ...(region ? { region } : {}) };

  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(e.message ?? '')) {
    return new AwsSourceError(
      'credentials',
      `No AWS credentials found for ${at}. Set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run "aws sso login".`,
      details,
      { cause: error },
    );
  }
  if (CREDENTIAL_REJECTED.has(name)) {
    return new AwsSourceError('credentials', `AWS rejected the credentials for ${at} (${name}): ${e.message}`, details, {
      cause: error,
    });
  }
  if (/^Region is missing/.test(e.message ?? '')) {
    return new AwsSourceError('region', 'No AWS region configured. Set AWS_REGION or pass --region.', details, { cause: error });
  }
  if (ACCESS_DENIED.has(name) || status === 403) {
    const permission = PERMISSION_OF[operation] ?? operation;
    return new AwsSourceError(
      'access-denied',
      `AWS denied ${at}: the credentials lack "${permission}". Grant it in the IAM policy of the caller.`,
      { ...details, permission },
      { cause: error },
    );
  }
  if (THROTTLED.has(name) || status === 429) {
    return new AwsSourceError('throttled', `AWS throttled ${at} and the SDK's retries ran out (${name}). Try again later.`, details, {
      cause: error,
    });
  }
  if (name === 'NotFoundException' || name === 'NoSuchHostedZone' || name === 'NotFound') {
    return new AwsSourceError('not-found', `${at}: ${e.message ?? name}`, details, { cause: error });
  }
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ECONNREFUSED' || code === 'ETIMEDOUT') {
    return new AwsSourceError('network', `Could not reach AWS for ${at} (${code}).`, details, { cause: error });
  }
  if (e.$responseBodyText !== undefined || name === 'SyntaxError' || /Deserialization error/i.test(e.message ?? '')) {
    return new AwsSourceError('malformed', `AWS answered ${at} with a response maildns could not parse (${name}).`, details, {
      cause: error,
    });
  }
  // The HTTP status says most when the body did not (an HTML error page parses as "UnknownError").
  const http = status !== undefined ? ` (HTTP ${status})` : '';
  return new AwsSourceError('service', `AWS failed ${at}: ${name}${e.message ? `: ${e.message}` : ''}${http}`, details, { cause: error });
}
