// The Report's shape as a zod schema, so a report read back from disk (by the post step, or a
// later job) is checked before anything trusts it. The type assertion at the bottom fails
// `tsc` if this schema and model.ts drift apart.
import { z } from 'zod';
import type { Report } from './model.js';
import { routeSchema } from '../core/route-schema.js';
import { MODES } from '../core/domain.js';

const isoTime = z.string().min(1);
const route = routeSchema;
const latency = z.object({
  count: z.number(),
  p50: z.number(),
  p95: z.number(),
  p99: z.number(),
  max: z.number(),
  mean: z.number(),
});
const gate = z.object({
  name: z.enum([
    'max-error-rate',
    'max-p95-ms',
    'max-throttle-rate',
    'split-tolerance',
    'alarms',
    'stage-answers',
  ]),
  limit: z.union([z.number(), z.string()]),
  actual: z.union([z.number(), z.string()]),
  passed: z.boolean(),
});
const latencyBaseline = z.object({
  side: z.enum(['lmi', 'standard']),
  functionName: z.string(),
  qualifier: z.string(),
  basis: z.enum(['production', 'twin']),
  note: z.string().optional(),
  sample: z.object({ concurrency: z.number(), requests: z.number() }),
  warm: latency,
  candidateWarm: latency.optional(),
  coldStartsExcluded: z.number(),
  coldStartsKnown: z.boolean(),
  factor: z.number(),
  limitMs: z.number(),
});
export const loadResultSchema = z.object({
  target: z.enum(['lmi', 'standard']),
  functionName: z.string(),
  qualifier: z.string(),
  concurrency: z.number(),
  requests: z.number(),
  latency,
  throughputRps: z.number(),
  errors: z.number(),
  errorRate: z.number(),
  throttles: z.number(),
  throttleRate: z.number(),
  environments: z.number().optional(),
  peakInFlightPerEnvironment: z.number().optional(),
  peakInFlightSource: z.enum(['function', 'function-per-worker', 'client-estimate']).optional(),
  coldStarts: z.number().optional(),
  isolation: z
    .object({
      passed: z.boolean(),
      mismatchedIds: z.number(),
      stored: z.number(),
      expectedStored: z.number(),
      duplicates: z.number(),
    })
    .optional(),
  wallMs: z.number(),
  generatorLimited: z
    .object({
      eventLoopBusy: z.number(),
      cpuMsPerRequest: z.number(),
      eventLoopDelayMs: z.number().optional(),
      reason: z.string(),
    })
    .optional(),
});
const loadResult = loadResultSchema;
const stepSide = z.object({
  count: z.number(),
  errors: z.number(),
  latency: latency.partial().required({ count: true, p50: true, p95: true }),
});
const versionMetrics = z.object({
  invocations: z.number(),
  errors: z.number(),
  throttles: z.number(),
  durationP50Ms: z.number().optional(),
  durationP95Ms: z.number().optional(),
  partial: z.boolean(),
});
const architecture = z.enum(['x86_64', 'arm64']);

const resourceChange = z.object({
  logicalId: z.string(),
  physicalId: z.string().optional(),
  type: z.string(),
  action: z.enum(['Add', 'Modify', 'Remove', 'Import', 'Dynamic']),
  replacement: z.enum(['True', 'False', 'Conditional']).optional(),
  recreatedBy: z
    .array(z.object({ property: z.string(), when: z.enum(['Always', 'Conditionally']) }))
    .optional(),
  policyAction: z.string().optional(),
  risk: z.string().optional(),
});

const costInput = z.object({
  invocations: z.number(),
  standard: z.object({ durationMs: z.number(), memoryMb: z.number(), freeTier: z.boolean().optional() }),
  lmi: z.object({
    durationMs: z.number(),
    memoryMb: z.number(),
    memoryGiBPerVCpu: z.number(),
    maxConcurrency: z.number(),
    architecture,
    scaling: z.object({ min: z.number(), max: z.number() }).optional(),
    peakFactor: z.number(),
    savingsPlanDiscount: z.number(),
    instanceType: z.string().optional(),
    instancePrice: z.number().optional(),
  }),
});

const cost = z.object({
  invocations: z.number(),
  standard: z.object({ requests: z.number(), compute: z.number(), total: z.number(), gbSeconds: z.number() }),
  lmi: z.object({
    instanceType: z.string(),
    instanceHourly: z.number(),
    averageConcurrency: z.number(),
    peakConcurrency: z.number(),
    environments: z.number(),
    cappedByMax: z.boolean(),
    environmentsPerInstance: z.number(),
    instances: z.number(),
    ec2: z.number(),
    managementFee: z.number(),
    requests: z.number(),
    total: z.number(),
  }),
  lmiMinusStandard: z.number(),
  cheaper: z.enum(['lmi', 'standard']),
  crossoverInvocations: z.number().nullable(),
  assumptions: z.array(z.string()),
  input: costInput.optional(),
});

export const reportSchema = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.literal('lmi-cutover'), version: z.string() }),
  run: z.object({
    mode: z.enum(MODES),
    stackName: z.string().min(1),
    region: z.string().min(1),
    startedAt: isoTime,
    finishedAt: isoTime.optional(),
    outcome: z.enum(['success', 'no-op', 'failure', 'rolled-back']),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    trigger: z
      .object({
        event: z.string().optional(),
        sha: z.string().optional(),
        ref: z.string().optional(),
        runUrl: z.string().optional(),
        pullRequest: z.number().optional(),
      })
      .optional(),
  }),
  route: z.object({ before: route.optional(), after: route.optional() }),
  timeline: z.array(
    z.object({
      stage: z.enum([
        'plan',
        'deploy',
        'provision',
        'smoke',
        'load',
        'sweep',
        'cutover',
        'rollback',
        'cleanup',
      ]),
      startedAt: isoTime,
      durationMs: z.number(),
      outcome: z.enum(['passed', 'failed', 'skipped', 'no-op']),
      detail: z.string().optional(),
    }),
  ),
  plan: z
    .object({
      changeSetName: z.string().optional(),
      changeSetId: z.string().optional(),
      changeSetType: z.enum(['CREATE', 'UPDATE']),
      stackStatus: z.string().optional(),
      changes: z.array(resourceChange),
      noChangesReason: z.string().optional(),
    })
    .optional(),
  deploy: z
    .object({
      type: z.enum(['did-deploy-stack', 'no-op']),
      stackId: z.string(),
      stackStatus: z.string(),
      changeSetName: z.string().optional(),
      changes: z.array(resourceChange),
      outputs: z.record(z.string(), z.string()),
      durationMs: z.number(),
    })
    .optional(),
  provisioning: z
    .object({
      functionName: z.string(),
      version: z.string(),
      state: z.string(),
      stateReasonCode: z.string().optional(),
      stateReason: z.string().optional(),
      seconds: z.number(),
      capacityProviderArn: z.string().optional(),
      capacityProviderState: z.string().optional(),
      confirmedOnly: z.boolean(),
    })
    .optional(),
  smoke: z
    .object({
      checks: z.array(
        z.object({
          name: z.string(),
          target: z.enum(['lmi', 'standard']),
          version: z.string().optional(),
          request: z.string(),
          expected: z.string(),
          actual: z.string(),
          passed: z.boolean(),
          durationMs: z.number(),
        }),
      ),
      passed: z.boolean(),
    })
    .optional(),
  load: z
    .object({
      lmi: loadResult,
      standard: loadResult.optional(),
      gates: z.array(gate),
      p95Baseline: latencyBaseline.optional(),
      sweep: z
        .array(
          z.object({
            concurrencyPerEnvironment: z.number(),
            latency,
            throughputRps: z.number(),
            errorRate: z.number(),
            throttles: z.number(),
            knee: z.boolean(),
          }),
        )
        .optional(),
      shards: z
        .object({
          id: z.string().min(1),
          count: z.number(),
          shard: z.number().optional(),
          allAtOnce: z.object({ lmi: z.number(), standard: z.number().optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
  cutover: z
    .object({
      steps: z.array(
        z.object({
          percent: z.number(),
          startedAt: isoTime,
          bakeSeconds: z.number(),
          probes: z.number(),
          judgedBy: z.enum(['answers', 'metrics']).optional(),
          candidate: stepSide,
          production: stepSide,
          metrics: z
            .object({
              windowStart: isoTime,
              windowEnd: isoTime,
              periodSeconds: z.number(),
              candidate: versionMetrics,
              production: versionMetrics,
            })
            .optional(),
          stageAnswers: z.object({ count: z.number(), failed: z.number(), latency }).optional(),
          observedCandidatePercent: z.number(),
          tolerancePercent: z.number(),
          errorTest: z
            .object({
              test: z.literal('fisher-exact-one-sided'),
              alpha: z.number(),
              detectableRegression: z.number(),
              minimumSample: z.number().nullable(),
              candidate: z.object({ errors: z.number(), count: z.number() }),
              production: z.object({ errors: z.number(), count: z.number() }),
              pValue: z.number(),
              limitPValue: z.number().optional(),
              decidedBy: z.enum(['test', 'strict']),
            })
            .optional(),
          gates: z.array(gate),
          passed: z.boolean(),
          reason: z.string().optional(),
        }),
      ),
      routeChanges: z.array(z.object({ at: isoTime, from: route, to: route, why: z.string() })),
      promoted: z.boolean(),
      rolledBack: z.boolean(),
      rollback: z
        .object({
          reason: z.string(),
          at: isoTime,
          verified: z.boolean(),
          probes: z.number(),
          finalRoute: route,
          failure: z
            .object({ message: z.string(), stageState: z.string(), manualFix: z.string() })
            .optional(),
        })
        .optional(),
      deletedVersions: z.array(z.string()),
    })
    .optional(),
  cost: cost.optional(),
  links: z
    .object({
      stack: z.string().optional(),
      lmiFunction: z.string().optional(),
      standardFunction: z.string().optional(),
      api: z.string().optional(),
    })
    .optional(),
});

// Compile-time check both ways: a field added to model.ts but not here (or the reverse) fails tsc.
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemaMatchesModel: Mutual<z.infer<typeof reportSchema>, Report> = true;
void _schemaMatchesModel;
