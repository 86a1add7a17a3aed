// The one SSM call: a SecureString read with decryption (the webhook signing secret).
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/** The decrypted value, or undefined when the parameter has none. */
export async function getSecureParameter(ssm: SSMClient, name: string): Promise<string | undefined> {
  const res = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  return res.Parameter?.Value;
}
