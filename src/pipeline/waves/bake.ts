// The bake between two waves: probes through a released target's stage at a trickle for the
// bake, with its alarms polled all the while (alarm-watch.ts), the way a canary step bakes. For
// the bundled webhook every answer must come from the released LMI version (signed webhooks);
// for an app with a checks file its load request must meet its expect (its answers name no
// version, the stage's read-back does). The first bad answer or ALARM ends the bake: no point
// in waiting out a release that is already refused.
import { getFunctionConfiguration } from '../../aws/lambda.js';
import { errorMessage } from '../../core/aws-errors.js';
import { FIXED } from '../../config/defaults.js';
import { versionLabel, type VersionRef } from '../../core/domain.js';
import type { PipelineContext } from '../context.js';
import { checksRollbackProbing } from '../modes/checks-shift.js';
import { cloudWatchAlarmCheck } from '../traffic/alarms.js';
import { alarmPollMs, watchAlarms, type AlarmWatch } from '../traffic/alarm-watch.js';
import { runProbes, servedBy, type ProbeSample } from '../traffic/probe.js';
import { createStageProber, probeConnections, type StageProber } from '../traffic/stage-prober.js';
import { readSigningSecret, SECRET_PARAMETER_VARIABLE } from '../webhook/secret.js';
import type { ReleaseCheck } from './release-check.js';

export interface BakeOptions {
  readonly bakeSeconds: number;
  readonly probeRate: number;
  readonly runId: string;
  readonly cwd: string;
  /** An app brought with a checks file: probe with its load request. */
  readonly checksFile?: string;
  readonly signal?: AbortSignal;
}

export interface BakeResult {
  readonly sent: number;
  readonly failed: number;
  readonly alarms: string[];
  readonly problems: string[];
}

/** The webhook's prober, strictly: a gate that cannot probe refuses instead of passing unproven. */
async function webhookProber(
  ctx: PipelineContext,
  stageUrl: string,
  lmiFunctionName: string,
  options: BakeOptions,
) {
  const config = await getFunctionConfiguration(ctx.aws.lambda, lmiFunctionName);
  const parameter = config.Environment?.Variables?.[SECRET_PARAMETER_VARIABLE];
  if (!parameter)
    throw new Error(
      `${lmiFunctionName} has no ${SECRET_PARAMETER_VARIABLE} environment variable, so probes cannot be signed`,
    );
  return createStageProber({
    stageUrl,
    secrets: await readSigningSecret(ctx, parameter),
    runId: options.runId,
    connections: probeConnections(options.probeRate),
  });
}

async function proberFor(
  ctx: PipelineContext,
  release: ReleaseCheck,
  options: BakeOptions,
): Promise<{ prober: StageProber; attributed: boolean }> {
  const { stageUrl, ref } = release;
  if (!stageUrl || !ref) throw new Error('the stack has no ApiUrl output to probe');
  if (!options.checksFile)
    return { prober: await webhookProber(ctx, stageUrl, ref.lmiFunctionName, options), attributed: true };
  const probing = await checksRollbackProbing(ctx, {
    cwd: options.cwd,
    checksFile: options.checksFile,
    stageUrl,
    lmiFunctionName: ref.lmiFunctionName,
    runId: options.runId,
    probeRate: options.probeRate,
  });
  if (!probing)
    throw new Error(`the load request of ${options.checksFile} cannot be sent (the warning above says why)`);
  return probing;
}

const describeBad = (s: ProbeSample, expected: VersionRef): string =>
  s.ok
    ? `answered by ${s.computeType ?? 'an unknown compute type'} v${s.functionVersion ?? '?'}, not ${versionLabel(expected)}`
    : (s.error ?? `HTTP ${s.status}`);

export async function bakeRelease(
  ctx: PipelineContext,
  release: ReleaseCheck,
  options: BakeOptions,
): Promise<BakeResult> {
  const expected = release.expected!;
  const alarmNames = release.target.alarmNames;
  // At least a confirmation's worth of answers, even for a bake of 0 seconds (a re-check).
  const durationMs = Math.max(
    options.bakeSeconds * 1000,
    Math.ceil((FIXED.confirmSamples * 1000) / options.probeRate),
  );
  let probing: { prober: StageProber; attributed: boolean };
  try {
    probing = await proberFor(ctx, release, options);
  } catch (e) {
    return { sent: 0, failed: 0, alarms: [], problems: [`its stage cannot be probed: ${errorMessage(e)}`] };
  }
  const bad = (s: ProbeSample) => !s.ok || (probing.attributed && !servedBy(s, expected));
  const watch: AlarmWatch | undefined =
    alarmNames.length > 0
      ? watchAlarms(ctx, cloudWatchAlarmCheck(ctx.aws.cloudWatch), alarmNames, {
          pollMs: alarmPollMs(durationMs),
          signal: options.signal,
        })
      : undefined;
  const problems: string[] = [];
  let samples: readonly ProbeSample[] = [];
  let alarms: string[] = [];
  try {
    const run = await runProbes(ctx, probing.prober.probe, {
      ratePerSecond: options.probeRate,
      durationMs,
      signal: options.signal,
      stopWhen: (all) => bad(all[all.length - 1]!) || watch?.tripped() === true,
    });
    samples = run.samples;
  } catch (e) {
    problems.push(`the bake stopped: ${errorMessage(e)}`);
  } finally {
    await probing.prober.close();
    try {
      alarms = (await watch?.finish())?.inAlarm ?? [];
    } catch (e) {
      problems.push(`its alarms could not be read: ${errorMessage(e)}`);
    }
  }
  const failed = samples.filter(bad);
  if (failed.length > 0)
    problems.push(
      `${failed.length} of ${samples.length} probes through its stage failed (first: ${describeBad(failed[0]!, expected)})`,
    );
  if (alarms.length > 0) problems.push(`alarms in ALARM or missing during the bake: ${alarms.join(', ')}`);
  return { sent: samples.length, failed: failed.length, alarms, problems };
}
