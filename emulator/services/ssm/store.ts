// SSM Parameter Store state. SecureString values are really encrypted (AES-256-GCM with a
// key that lives only in this process), so a read without WithDecryption returns ciphertext
// as AWS does, never the plaintext.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AwsError } from '../../errors.js';
import { arn } from '../../core/ids.js';

type ParameterType = 'String' | 'StringList' | 'SecureString';

export interface StoredParameter {
  name: string;
  type: ParameterType;
  /** Plaintext for String/StringList, ciphertext (base64) for SecureString. */
  value: string;
  version: number;
  lastModified: Date;
  description?: string;
  dataType: string;
  tier: string;
  keyId?: string;
}

export interface PutParameterInput {
  Name: string;
  Value: string;
  Type?: ParameterType;
  Overwrite?: boolean;
  Description?: string;
  KeyId?: string;
  DataType?: string;
  Tier?: string;
}

const NAME_RULES =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of ' +
  'sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 ' +
  'symbols .-_';

export class SsmStore {
  private readonly params = new Map<string, StoredParameter>();
  private readonly key = randomBytes(32);

  constructor(private readonly region: string) {}

  arnOf(name: string): string {
    return arn('ssm', this.region, `parameter${name.startsWith('/') ? name : `/${name}`}`);
  }

  private encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('AQICAH'), iv, cipher.getAuthTag(), data]).toString('base64');
  }

  private decrypt(cipherText: string): string {
    const raw = Buffer.from(cipherText, 'base64');
    const iv = raw.subarray(6, 18);
    const tag = raw.subarray(18, 34);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(raw.subarray(34)), decipher.final()]).toString('utf8');
  }

  put(input: PutParameterInput): StoredParameter {
    const name = input.Name;
    if (!name || /^\/?(aws|ssm)/i.test(name) || !/^[A-Za-z0-9_.\-/]+$/.test(name) || /\/\//.test(name)) {
      throw new AwsError('ValidationException', NAME_RULES);
    }
    if (name.includes('/') && !name.startsWith('/')) {
      throw new AwsError('ValidationException', NAME_RULES);
    }
    if (input.Value === undefined || input.Value === '') {
      throw new AwsError(
        'ValidationException',
        "1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    }
    const existing = this.params.get(name);
    if (existing && !input.Overwrite) {
      throw new AwsError(
        'ParameterAlreadyExists',
        'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      );
    }
    const type = input.Type ?? existing?.type;
    if (!type)
      throw new AwsError('ValidationException', 'A parameter type is required when you create a parameter.');
    if (!['String', 'StringList', 'SecureString'].includes(type)) {
      throw new AwsError(
        'ValidationException',
        `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]`,
      );
    }
    const stored: StoredParameter = {
      name,
      type,
      value: type === 'SecureString' ? this.encrypt(input.Value) : input.Value,
      version: (existing?.version ?? 0) + 1,
      lastModified: new Date(),
      description: input.Description ?? existing?.description,
      dataType: input.DataType ?? 'text',
      tier: input.Tier ?? 'Standard',
      keyId: type === 'SecureString' ? (input.KeyId ?? 'alias/aws/ssm') : undefined,
    };
    this.params.set(name, stored);
    return stored;
  }

  /** The parameter with its value as GetParameter returns it. */
  get(name: string, withDecryption: boolean): StoredParameter & { outValue: string } {
    const clean = name.split(':')[0]!;
    const p = this.params.get(clean);
    if (!p) throw new AwsError('ParameterNotFound', '');
    const outValue = p.type === 'SecureString' && withDecryption ? this.decrypt(p.value) : p.value;
    return { ...p, outValue };
  }

  has(name: string): boolean {
    return this.params.has(name);
  }

  delete(name: string): void {
    if (!this.params.delete(name)) throw new AwsError('ParameterNotFound', '');
  }
}
