// The waves file as a GitHub Actions matrix (`strategy.matrix: ${{ fromJSON(…) }}`): one entry
// per target, in release order, so a job with `max-parallel: 1` creates and runs them one by one.
// Every value a step needs is in the entry, so the workflow holds no logic of its own.
import { targetKey, type WavesPlan } from './waves-file.js';

export interface WaveMatrixEntry {
  /** `w1-us-east-1-webhook-prod`: unique, and safe in an artifact name. */
  readonly id: string;
  readonly wave: number;
  readonly waves: number;
  readonly 'wave-name': string;
  readonly region: string;
  readonly 'stack-name': string;
  /** The GitHub environment of the job; `production` unless the file names another. */
  readonly environment: string;
  /** Empty: the environment's AWS_ROLE_ARN secret. */
  readonly 'role-to-assume': string;
  /** Empty: the workflow's ARTIFACT_BUCKET with the region appended (`<bucket>-us-east-1`). */
  readonly 'artifact-bucket': string;
  /** The target's own template parameters as `Key=Value` lines for the parameter-overrides input. */
  readonly 'parameter-overrides': string;
  /** Run `waves gate` on the wave before this one first (every target after the first wave). */
  readonly gate: boolean;
  /** The wave before, as `region/stack` separated by commas; empty for the first wave. */
  readonly previous: string;
  /**
   * The gate's bake: the wave's bake for its first target; 0 for the others, whose gate only
   * re-checks that the wave before is still released and healthy (a short probe, the alarms).
   */
  readonly 'bake-seconds': number;
  /** Only for a local cloud standing in for the region. */
  readonly 'endpoint-url'?: string;
}

const DEFAULT_ENVIRONMENT = 'production';

/** `A=1`, or `A="x y"` when the value needs quotes (parseKeyValueText reads both back). */
function pair(key: string, value: string): string {
  return /^[^\s"'\\]+$/.test(value) ? `${key}=${value}` : `${key}="${value.replace(/["\\]/g, '\\$&')}"`;
}

export function wavesMatrix(plan: WavesPlan): { include: WaveMatrixEntry[] } {
  const include = plan.waves.flatMap((wave, w) => {
    const previous = w === 0 ? [] : plan.waves[w - 1]!.targets.map(targetKey);
    return wave.targets.map((t, i): WaveMatrixEntry => ({
      id: `w${wave.number}-${t.region}-${t.stackName}`,
      wave: wave.number,
      waves: plan.waves.length,
      'wave-name': wave.name ?? `wave ${wave.number}`,
      region: t.region,
      'stack-name': t.stackName,
      environment: t.environment ?? DEFAULT_ENVIRONMENT,
      'role-to-assume': t.roleToAssume ?? '',
      'artifact-bucket': t.artifactBucket ?? '',
      'parameter-overrides': Object.entries(t.parameters)
        .map(([k, v]) => pair(k, v))
        .join('\n'),
      gate: previous.length > 0,
      previous: previous.join(','),
      'bake-seconds': i === 0 ? wave.bakeSeconds : 0,
      ...(t.endpointUrl ? { 'endpoint-url': t.endpointUrl } : {}),
    }));
  });
  return { include };
}
