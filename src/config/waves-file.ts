// The waves file (`lmi-cutover.waves.yml`): the order in which a multi-region service is released.
// Waves run one after another, with a bake before each wave after the first; the targets of one
// wave (a region and a stack each) run one after another with no bake between them. Validated as
// a whole, like the checks file: every problem at once, by its path in the file and its line.
import { z } from 'zod';
import { CutoverError } from '../core/errors.js';
import { formatPath, lineOf, parseYamlFile, readInputFile, schemaProblems } from './yaml-file.js';

/** The same shapes the region, stack-name, role-arn and artifact-bucket inputs accept (config.ts). */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const STACK_NAME = /^[A-Za-z][-A-Za-z0-9]{0,127}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const BUCKET = /^(?!xn--)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** GitHub runs at most 256 jobs of one matrix. */
export const MAX_TARGETS = 256;
/** A bake long enough to see an alarm evaluate twice; short enough to keep a release in one job. */
const DEFAULT_BAKE_SECONDS = 600;
/** Probes through each previous stage per second while the gate bakes: a trickle, not a load. */
const DEFAULT_GATE_PROBE_RATE = 2;

const seconds = z
  .number()
  .int()
  .min(0)
  .max(6 * 3600);

const targetSchema = z.strictObject({
  region: z.string().regex(REGION, 'an AWS region such as us-east-1'),
  'stack-name': z.string().regex(STACK_NAME, 'letters, digits and hyphens, starting with a letter'),
  /** The GitHub environment of this target's job (its AWS_ROLE_ARN secret, reviewers, branch policy). */
  environment: z.string().min(1).max(255).optional(),
  /** A role to assume instead of the environment's AWS_ROLE_ARN secret. */
  'role-to-assume': z.string().regex(ROLE_ARN, 'an IAM role ARN').optional(),
  /** Lambda reads code only from a bucket in its own region: each region has its own. */
  'artifact-bucket': z.string().regex(BUCKET, 'an S3 bucket name').optional(),
  /** Alarms that must not be in ALARM while the next wave's gate bakes this target. */
  'alarm-names': z.array(z.string().min(1)).optional(),
  /** Template parameters of this region only (subnets, security groups …). */
  parameters: z
    .record(
      z.string().regex(/^[A-Za-z0-9]+$/, 'a template parameter name'),
      z.union([z.string(), z.number(), z.boolean()]).transform(String),
    )
    .optional(),
  /** A local cloud standing in for the region (tests, `npm run local`); never set for AWS. */
  'endpoint-url': z.url({ protocol: /^https?$/ }).optional(),
});

const waveSchema = z.strictObject({
  name: z.string().min(1).optional(),
  /** The bake before this wave; the file's `bake-seconds` when not set. */
  'bake-seconds': seconds.optional(),
  targets: z.array(targetSchema).min(1, 'an empty wave: give it at least one target'),
});

const fileSchema = z.strictObject({
  /** Names the release in its PR comment's marker, so two services' waves keep two comments. */
  name: z
    .string()
    .regex(/^[A-Za-z0-9][-A-Za-z0-9_.]{0,63}$/, 'letters, digits, -, _ and .')
    .optional(),
  'bake-seconds': seconds.optional(),
  'probe-rate': z.number().positive().max(100).optional(),
  /** The checks file of an app that is not the bundled webhook: the gate probes with its load request. */
  checks: z.string().min(1).optional(),
  waves: z.array(waveSchema).min(1, 'no waves: list at least one'),
});

interface WaveTarget {
  readonly region: string;
  readonly stackName: string;
  readonly environment?: string;
  readonly roleToAssume?: string;
  readonly artifactBucket?: string;
  readonly alarmNames: readonly string[];
  readonly parameters: Readonly<Record<string, string>>;
  readonly endpointUrl?: string;
}

interface Wave {
  /** 1-based, in the file's order. */
  readonly number: number;
  readonly name?: string;
  /** The bake before this wave (the first wave has nothing to bake before it). */
  readonly bakeSeconds: number;
  readonly targets: readonly WaveTarget[];
}

export interface WavesPlan {
  readonly name: string;
  readonly probeRate: number;
  readonly checks?: string;
  readonly waves: readonly Wave[];
}

/** `us-east-1/webhook-prod`: how a target is named on the command line, in the matrix and in errors. */
export const targetKey = (t: { readonly region: string; readonly stackName: string }): string =>
  `${t.region}/${t.stackName}`;

/** `us-east-1/webhook-prod` → the region and the stack; undefined when it is not that shape. */
export function parseTargetKey(text: string): { region: string; stackName: string } | undefined {
  const [region, stackName, ...rest] = text.trim().split('/');
  if (rest.length > 0 || !region || !stackName || !REGION.test(region) || !STACK_NAME.test(stackName))
    return undefined;
  return { region, stackName };
}

export async function readWavesFile(cwd: string, path: string): Promise<WavesPlan> {
  return parseWavesFile(await readInputFile(cwd, path, 'waves'), path);
}

export function parseWavesFile(text: string, source: string): WavesPlan {
  const yaml = parseYamlFile(text);
  if (yaml.syntaxProblems.length > 0) throw invalid(source, yaml.syntaxProblems);
  const { doc, lines } = yaml;
  const data: unknown = doc.toJS();
  const parsed = fileSchema.safeParse(data);
  const problems = parsed.success ? [] : schemaProblems(yaml, parsed.error.issues);
  // Read from the raw data, so a duplicate is reported even when other entries are invalid.
  for (const d of duplicates(data)) {
    const line = lineOf(doc, lines, d.path) ?? 0;
    problems.push({ line, text: `${formatPath(d.path)}: ${d.text}${line ? ` (line ${line})` : ''}` });
  }
  if (!parsed.success || problems.length > 0) {
    throw invalid(
      source,
      problems.sort((a, b) => a.line - b.line).map((p) => p.text),
    );
  }
  const file = parsed.data;
  const targets = file.waves.reduce((n, w) => n + w.targets.length, 0);
  if (targets > MAX_TARGETS) {
    throw invalid(source, [
      `waves: ${targets} targets, more than the ${MAX_TARGETS} jobs GitHub runs in one matrix`,
    ]);
  }
  return {
    name: file.name ?? 'waves',
    probeRate: file['probe-rate'] ?? DEFAULT_GATE_PROBE_RATE,
    ...(file.checks ? { checks: file.checks } : {}),
    waves: file.waves.map((w, i) => ({
      number: i + 1,
      ...(w.name ? { name: w.name } : {}),
      bakeSeconds: i === 0 ? 0 : (w['bake-seconds'] ?? file['bake-seconds'] ?? DEFAULT_BAKE_SECONDS),
      targets: w.targets.map((t) => ({
        region: t.region,
        stackName: t['stack-name'],
        ...(t.environment ? { environment: t.environment } : {}),
        ...(t['role-to-assume'] ? { roleToAssume: t['role-to-assume'] } : {}),
        ...(t['artifact-bucket'] ? { artifactBucket: t['artifact-bucket'] } : {}),
        alarmNames: t['alarm-names'] ?? [],
        parameters: t.parameters ?? {},
        ...(t['endpoint-url'] ? { endpointUrl: t['endpoint-url'] } : {}),
      })),
    })),
  };
}

/** A region/stack listed twice: the second place names the first. */
function duplicates(data: unknown): { path: (string | number)[]; text: string }[] {
  const waves = (data as { waves?: unknown } | null)?.waves;
  if (!Array.isArray(waves)) return [];
  const seen = new Map<string, string>();
  const found: { path: (string | number)[]; text: string }[] = [];
  waves.forEach((wave, w) => {
    const targets = (wave as { targets?: unknown } | null)?.targets;
    if (!Array.isArray(targets)) return;
    targets.forEach((target, t) => {
      const { region, 'stack-name': stack } = (target ?? {}) as Record<string, unknown>;
      if (typeof region !== 'string' || typeof stack !== 'string') return;
      const key = `${region}/${stack}`;
      const path = ['waves', w, 'targets', t];
      const first = seen.get(key);
      if (first) found.push({ path, text: `${key} is already released by ${first}` });
      else seen.set(key, formatPath(path));
    });
  });
  return found;
}

function invalid(source: string, problems: string[]): CutoverError {
  return new CutoverError(
    'INVALID_INPUT',
    `waves: ${source} is not a valid waves file (${problems.length} problem${problems.length === 1 ? '' : 's'}):`,
    problems,
  );
}
