// The workload's configuration, read once at init from the environment the template sets.
// A misconfigured deployment fails its init with one message naming every bad variable,
// rather than failing requests one by one later.
import { z } from 'zod';

const COMPUTE_TYPES = ['lambda-managed-instances', 'lambda-standard'] as const;
export type ComputeType = (typeof COMPUTE_TYPES)[number];

export const ENRICHMENT_SERVICES = ['geocoding', 'fraud_scoring', 'loyalty_lookup'] as const;
export type EnrichmentServiceName = (typeof ENRICHMENT_SERVICES)[number];

/** The demo's simulated latency of each downstream call when no URL is configured. */
export const DEFAULT_SIMULATED_DELAY_MS: Record<EnrichmentServiceName, number> = {
  geocoding: 150,
  fraud_scoring: 200,
  loyalty_lookup: 100,
};

export interface EnrichmentServiceConfig {
  name: EnrichmentServiceName;
  /** Real HTTP endpoint; when absent the call is simulated with `simulatedDelayMs`. */
  url?: string;
  simulatedDelayMs: number;
  /** Each call's own deadline; a late call is recorded as `timeout`, never fails the request. */
  timeoutMs: number;
}

export interface WorkloadConfig {
  computeType: ComputeType;
  eventsTableName: string;
  signingSecretParameter: string;
  /** How long the SSM secret is cached before the next read (rotation pickup time). */
  signingSecretMaxAgeSeconds: number;
  /** Largest accepted distance between webhook-timestamp and now. */
  signatureToleranceSeconds: number;
  /** How long a delivery id is remembered for duplicate detection (DynamoDB TTL). */
  deliveryTtlSeconds: number;
  /** After this, an unfinished claim on a delivery id is taken over by a retry. */
  deliveryLeaseSeconds: number;
  enrichment: EnrichmentServiceConfig[];
}

const envName = (service: EnrichmentServiceName) => service.toUpperCase();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
  .pipe(z.url({ protocol: /^https?$/ }).optional());

const EnvSchema = z.object({
  COMPUTE_TYPE: z.enum(COMPUTE_TYPES),
  EVENTS_TABLE_NAME: z.string().min(3),
  SIGNING_SECRET_PARAMETER: z.string().min(1),
  SIGNING_SECRET_MAX_AGE_SECONDS: positiveInt(300),
  SIGNATURE_TOLERANCE_SECONDS: positiveInt(300),
  DELIVERY_TTL_SECONDS: positiveInt(7 * 24 * 3600),
  DELIVERY_LEASE_SECONDS: positiveInt(60),
});

/** `<SERVICE>_URL`, `<SERVICE>_DELAY_MS`, `<SERVICE>_TIMEOUT_MS` for each downstream service. */
const serviceSchema = (name: EnrichmentServiceName) =>
  z.object({
    [`${envName(name)}_URL`]: optionalUrl,
    [`${envName(name)}_DELAY_MS`]: z.coerce.number().int().min(0).default(DEFAULT_SIMULATED_DELAY_MS[name]),
    [`${envName(name)}_TIMEOUT_MS`]: positiveInt(1000),
  });

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined>): WorkloadConfig {
  const base = EnvSchema.safeParse(env);
  const services = ENRICHMENT_SERVICES.map((name) => ({ name, parsed: serviceSchema(name).safeParse(env) }));
  const issues = [base, ...services.map((s) => s.parsed)].flatMap((r) => (r.success ? [] : r.error.issues));
  if (!base.success || issues.length > 0) {
    const problems = issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid workload environment (check the function's variables): ${problems}`);
  }
  const e = base.data;
  return {
    computeType: e.COMPUTE_TYPE,
    eventsTableName: e.EVENTS_TABLE_NAME,
    signingSecretParameter: e.SIGNING_SECRET_PARAMETER,
    signingSecretMaxAgeSeconds: e.SIGNING_SECRET_MAX_AGE_SECONDS,
    signatureToleranceSeconds: e.SIGNATURE_TOLERANCE_SECONDS,
    deliveryTtlSeconds: e.DELIVERY_TTL_SECONDS,
    deliveryLeaseSeconds: e.DELIVERY_LEASE_SECONDS,
    enrichment: services.map(({ name, parsed }) => {
      const v = parsed.data as Record<string, unknown>;
      return {
        name,
        url: v[`${envName(name)}_URL`] as string | undefined,
        simulatedDelayMs: v[`${envName(name)}_DELAY_MS`] as number,
        timeoutMs: v[`${envName(name)}_TIMEOUT_MS`] as number,
      };
    }),
  };
}
