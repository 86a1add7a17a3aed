// Reads the SigV4 credential scope that routes a request. The emulator checks the signature's
// shape, not its value (there are no real keys), and answers malformed or missing
// authentication with AWS's MissingAuthenticationToken / IncompleteSignature errors.
import { AwsError } from '../errors.js';

export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  presigned: boolean;
}

function parseCredential(credential: string, where: string): CredentialScope {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((p) => p === '')) {
    throw new AwsError(
      'IncompleteSignature',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  if (terminator !== 'aws4_request') {
    throw new AwsError(
      'IncompleteSignature',
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. (${where})`,
    );
  }
  return { accessKeyId, date, region, service, presigned: where === 'query' };
}

export function readCredentialScope(
  authorization: string | undefined,
  query: URLSearchParams,
  hasDate: boolean,
): CredentialScope {
  const presigned = query.has('X-Amz-Algorithm') || query.has('X-Amz-Credential');
  if (authorization && presigned) {
    throw new AwsError(
      'InvalidSignatureException',
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  }
  if (presigned) {
    const missing = [
      'X-Amz-Algorithm',
      'X-Amz-Credential',
      'X-Amz-Signature',
      'X-Amz-SignedHeaders',
      'X-Amz-Date',
    ]
      .filter((p) => !query.get(p))
      .map((p) => `AWS query-string parameters must include '${p}'.`);
    if (missing.length) {
      throw new AwsError(
        'IncompleteSignature',
        `${missing.join(' ')} Re-examine the query-string parameters.`,
      );
    }
    return parseCredential(query.get('X-Amz-Credential')!, 'query');
  }
  if (!authorization || !authorization.trim().startsWith('AWS4-')) {
    throw new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  }
  const fields = Object.fromEntries(
    authorization
      .trim()
      .split(/[\s,]+/)
      .slice(1)
      .filter(Boolean)
      .map((kv) => {
        const eq = kv.indexOf('=');
        return eq < 0 ? [kv, ''] : [kv.slice(0, eq), kv.slice(eq + 1)];
      }),
  );
  const missing = ['Credential', 'Signature', 'SignedHeaders']
    .filter((p) => !fields[p])
    .map((p) => `Authorization header requires '${p}' parameter.`);
  if (!hasDate)
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (missing.length) {
    throw new AwsError('IncompleteSignature', `${missing.join(' ')} Authorization=${authorization}`);
  }
  return parseCredential(fields.Credential as string, 'header');
}
