// Validates what the control plane hands the runtime, so a bad spec fails with a sentence
// naming the field instead of a worker that never starts.
import { existsSync, statSync } from 'node:fs';
import { z } from 'zod';
import type { FunctionVersionSpec, RuntimeOptions } from './contract.js';
import { vCpusPerEnvironment } from './lambda-env.js';

const positiveInt = z.number().int().positive();

const lmiSchema = z.object({
  memoryGiBPerVCpu: z.number().positive(),
  maxConcurrency: positiveInt,
  maxVCpuCount: positiveInt,
  minEnvironments: z.number().int().nonnegative(),
  maxEnvironments: z.number().int().nonnegative().optional(),
  scaleUpDelayMs: z.number().int().nonnegative(),
});

const specSchema = z.object({
  functionName: z.string().min(1),
  functionArn: z.string().startsWith('arn:'),
  version: z.string().min(1),
  codeDir: z.string().refine((dir) => existsSync(dir) && statSync(dir).isDirectory(), {
    message: 'must be an existing directory holding the unpacked deployment package',
  }),
  handler: z.string().min(1),
  runtime: z.string().regex(/^nodejs\d+\.x$/, 'must be a Node.js runtime such as nodejs22.x'),
  memoryMb: positiveInt,
  timeoutSeconds: z.number().positive(),
  environment: z.record(z.string(), z.string()),
  logGroupName: z.string().min(1),
  lmi: lmiSchema.optional(),
});

const optionsSchema = z.object({
  region: z.string().min(1),
  endpoint: z.string().min(1),
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  accountConcurrencyLimit: positiveInt,
  idleEnvironmentTtlMs: positiveInt.optional(),
  initTimeoutMs: positiveInt.optional(),
});

export function validateRuntimeInput(spec: FunctionVersionSpec, opts: RuntimeOptions): void {
  const problems = [
    ...issues('spec', specSchema.safeParse(spec)),
    ...issues('options', optionsSchema.safeParse(opts)),
  ];
  const { maxEnvironments, minEnvironments } = spec.lmi ?? {};
  if (maxEnvironments !== undefined && minEnvironments !== undefined && minEnvironments > maxEnvironments) {
    problems.push(`spec.lmi: minEnvironments ${minEnvironments} is above maxEnvironments ${maxEnvironments}`);
  }
  if (spec.lmi && spec.lmi.minEnvironments * vCpusPerEnvironment(spec) > spec.lmi.maxVCpuCount) {
    problems.push(
      `spec.lmi: ${spec.lmi.minEnvironments} environments need more vCPUs than maxVCpuCount ${spec.lmi.maxVCpuCount}`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`Invalid runtime input for ${spec.functionArn ?? '?'}: ${problems.join('; ')}`);
  }
}

function issues(prefix: string, result: z.ZodSafeParseResult<unknown>): string[] {
  if (result.success) return [];
  return result.error.issues.map((i) => `${[prefix, ...i.path.map(String)].join('.')} ${i.message}`);
}
