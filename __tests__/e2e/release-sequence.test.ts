// The release model end to end, as one team's sequence of releases on one local cloud:
//   v1  mode full on workload/template.yaml: the twin's first version, then standard twin v1 → LMI v1;
//   v2  a code change released LMI v1 → LMI v2 through the canary;
//   v3  a regression (every POST answers 500) stopped by verification: production stays on v2;
//   v4  another change released LMI v2 → LMI v4 through the canary;
//   rollback                       production back to the previous production version, LMI v2;
//   rollback (rollback-to: standard) production to the twin's last verified version, twin v4.
// An independent prober (scripts/demo/watch.ts) sends signed webhooks through the stage URL
// from right after v1's first deploy to the end. No answer may come from v3, none may be 5xx or
// missing, and every delivery answered 2xx is stored exactly once in the events table. The
// stage's way back (rollbackFunction, fallbackFunction) and the permissions of the versions it
// names are checked after every step.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { describeRoute, type Route, type VersionRef } from '../../src/core/domain.js';
import { permissionStatementId } from '../../src/pipeline/traffic/routable.js';
import { CHECK_EVENT_TYPE } from '../../src/pipeline/webhook/request.js';
import { probeDeliveryId } from '../../src/pipeline/traffic/stage-prober.js';
import { releaseCopy, type ReleaseCopy, type ReleaseKind } from '../../scripts/demo/releases.js';
import {
  describeCounts,
  watchProduction,
  type ProductionWatch,
  type WatchCounts,
} from '../../scripts/demo/watch.js';
import {
  expectSucceeded,
  progressText,
  REPO_ROOT,
  stackOutputs,
  startE2eCloud,
  type E2eCloud,
  type E2eRun,
} from './harness.js';
import {
  answeredBy,
  apiGatewayStatements,
  getStage,
  lmiVersion,
  pinned,
  twinVersion,
  versionState,
  warmTwin,
  type RawStage,
} from './stage.js';

const STACK = 'release-sequence-e2e';
/** Probes per second of the independent watcher on production. */
const WATCH_RATE = 20;
/**
 * Room on an LMI version's 3 environments (3 × 16) for everything at 100 %: the watcher and the
 * pipeline's probes (40/s at about 300 ms each) and the confirmation probes. With 4 per
 * environment the 12 slots throttle, and API Gateway answers a throttled invocation with 500.
 */
const parameters = { PerExecutionEnvironmentMaxConcurrency: '16' };
const INPUTS = {
  concurrency: '8',
  'load-requests': '24',
  'bake-seconds': '3',
  'probe-rate': '20',
  // Two cores run the pipeline, the watcher and every environment: a fixed, generous p95 limit
  // instead of `auto` (production's warm p95 × 1.5), which contention alone can breach.
  'max-p95-ms': '10000',
};

/** Rollbacks confirm with fewer probes per second: the watcher is already on production. */
const ROLLBACK_INPUTS = { 'probe-rate': '10' };
/**
 * Twin environments started before the twin takes production traffic: the watcher and the
 * probes need about a dozen at once, the concurrency check 8 more (one request each).
 */
const WARM_TWIN_ENVIRONMENTS = 16;

let cloud: E2eCloud;
let watch: ProductionWatch | undefined;
let watchStartedAt = 0;
const watchRunId = `seq${Date.now().toString(36)}`;
const copies: ReleaseCopy[] = [];
/** The watcher's counts at the end of each step, for the per-step figures. */
const marks: { step: string; counts: WatchCounts }[] = [];
let outputs: Readonly<Record<string, string>>;
const started = Date.now();

beforeAll(async () => {
  // Two cores run the pipeline, the watcher, the probes and every environment's worker thread:
  // a cold start may take longer than Lambda's 10 s init limit, which measures AWS's hosts.
  cloud = await startE2eCloud({ emulator: { runCode: { initTimeoutMs: 60_000 } } });
}, 60_000);

afterAll(async () => {
  await watch?.stop();
  for (const c of copies) await c.remove();
  await cloud?.stop();
});

async function apiUrl(): Promise<string> {
  const cfn = new CloudFormationClient({
    endpoint: cloud.emulator.endpoint,
    region: cloud.emulator.region,
    credentials: cloud.emulator.credentials,
  });
  try {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: STACK }));
    const url = Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'ApiUrl')?.OutputValue;
    if (!url) throw new Error(`stack ${STACK} has no ApiUrl output yet`);
    return url;
  } finally {
    cfn.destroy();
  }
}

/** A copy of workload/ with a code change, as the next commit would ship it. */
async function release(kind: ReleaseKind, label: string): Promise<string> {
  const copy = await releaseCopy(REPO_ROOT, kind, label);
  copies.push(copy);
  return copy.template;
}

async function run(mode: string, template?: string, inputs: Record<string, string> = {}): Promise<E2eRun> {
  return cloud.run({
    mode,
    stackName: STACK,
    parameters,
    ...(template ? { template } : {}),
    inputs: { ...INPUTS, ...inputs },
  });
}

function mark(step: string): void {
  if (watch) marks.push({ step, counts: watch.counts() });
}

const changes = (r: E2eRun) =>
  (r.report.cutover?.routeChanges ?? []).map((c) => `${describeRoute(c.from)} → ${describeRoute(c.to)}`);

/** The stage's route variables: production, the way back, and the canary. */
async function stage(): Promise<RawStage> {
  return getStage(cloud, outputs);
}

function wayBackOf(s: RawStage) {
  return {
    liveFunction: s.variables.liveFunction,
    rollbackFunction: s.variables.rollbackFunction,
    fallbackFunction: s.variables.fallbackFunction,
    canary: s.canary !== undefined,
  };
}

/** Active, and API Gateway may invoke it from this API: the stage can route to it at once. */
async function expectRoutable(v: VersionRef): Promise<void> {
  expect({ version: pinned(v), state: await versionState(cloud, v) }).toEqual({
    version: pinned(v),
    state: 'Active',
  });
  const sids = await apiGatewayStatements(cloud, v);
  expect(sids.length).toBeGreaterThan(0);
}

const lmi = (n: number) => lmiVersion(outputs, n);
const twin = (n: number) => twinVersion(outputs, n);
const route = (r: E2eRun) => r.report.route;

describe('a sequence of releases on one local cloud, watched from outside', () => {
  it('v1: the first deploy puts production on twin v1; full then moves it standard twin v1 → LMI v1', async () => {
    const first = await run('deploy');
    expectSucceeded(first);
    outputs = stackOutputs(first);
    expect((await stage()).variables).toEqual({ liveFunction: pinned(twin(1)) });
    // Production's twin environments, as the traffic it served before would have started them.
    await warmTwin(cloud, outputs, twin(1), WARM_TWIN_ENVIRONMENTS);
    // From here to the end, the watcher sends signed webhooks through the stage.
    watchStartedAt = Date.now();
    watch = watchProduction({
      stageUrl: await apiUrl(),
      secret: cloud.secret,
      runId: watchRunId,
      ratePerSecond: WATCH_RATE,
    });
    const r = await run('full');
    expectSucceeded(r);
    outputs = stackOutputs(r);
    expect(outputs.LmiVersion).toBe('1');
    expect(outputs.StandardVersion).toBe('1');
    expect(r.report.cutover).toMatchObject({ promoted: true, rolledBack: false });
    expect(changes(r)).toEqual([
      'standard (twin v1) → canary:10 (twin v1 → LMI v1)',
      'canary:10 (twin v1 → LMI v1) → canary:50 (twin v1 → LMI v1)',
      'canary:50 (twin v1 → LMI v1) → canary:100 (twin v1 → LMI v1)',
      'canary:100 (twin v1 → LMI v1) → lmi (LMI v1)',
    ]);
    expect(route(r)?.after).toEqual({ kind: 'lmi', target: lmi(1) } satisfies Route);
    expect(wayBackOf(await stage())).toEqual({
      liveFunction: pinned(lmi(1)),
      rollbackFunction: pinned(twin(1)),
      fallbackFunction: pinned(twin(1)),
      canary: false,
    });
    await expectRoutable(twin(1));
    mark('v1 full');
  }, 240_000);

  it('v2: a code change lands through an LMI v1 → LMI v2 canary; LMI v1 becomes the rollback target', async () => {
    const r = await run('full', await release('change', 'release-sequence v2'));
    expectSucceeded(r);
    outputs = stackOutputs(r);
    expect(outputs.LmiVersion).toBe('2');
    expect(outputs.StandardVersion).toBe('2');
    expect(route(r)).toEqual({
      before: { kind: 'lmi', target: lmi(1) },
      after: { kind: 'lmi', target: lmi(2) },
    });
    expect(changes(r)).toEqual([
      'lmi (LMI v1) → canary:10 (LMI v1 → LMI v2)',
      'canary:10 (LMI v1 → LMI v2) → canary:50 (LMI v1 → LMI v2)',
      'canary:50 (LMI v1 → LMI v2) → canary:100 (LMI v1 → LMI v2)',
      'canary:100 (LMI v1 → LMI v2) → lmi (LMI v2)',
    ]);
    for (const s of r.report.cutover!.steps) {
      expect(s.passed).toBe(true);
      expect(s.candidate.count + s.production.count).toBe(s.probes);
    }
    expect(wayBackOf(await stage())).toEqual({
      liveFunction: pinned(lmi(2)),
      rollbackFunction: pinned(lmi(1)),
      fallbackFunction: pinned(twin(2)),
      canary: false,
    });
    await expectRoutable(lmi(1));
    mark('v2 full');
  }, 240_000);

  it('v3: a regression fails verification and production stays on LMI v2, untouched', async () => {
    const before = await stage();
    const r = await run('full', await release('regression', 'release-sequence v3 (regression)'));
    expect(r.error).toBeDefined();
    expect(['SMOKE_FAILED', 'GATE_FAILED']).toContain(r.error!.code);
    expect(r.report.deploy?.outputs.LmiVersion).toBe('3');
    expect(r.report.timeline.find((t) => t.stage === 'cutover')?.outcome).toBe('skipped');
    expect(r.report.cutover?.routeChanges ?? []).toEqual([]);
    expect(progressText(r)).toContain('production stays on lmi (LMI v2)');
    const after = await stage();
    // Not one variable nor the deployment moved: the deploy passed the stage's values back.
    expect(after).toEqual(before);
    expect(wayBackOf(after)).toEqual({
      liveFunction: pinned(lmi(2)),
      rollbackFunction: pinned(lmi(1)),
      fallbackFunction: pinned(twin(2)),
      canary: false,
    });
    expect(await answeredBy(cloud, outputs.ApiUrl!, 3)).toEqual({ '201 lmi v2': 3 });
    mark('v3 full (refused)');
  }, 240_000);

  it('v4: another change lands through an LMI v2 → LMI v4 canary; LMI v2 stays Active and permitted as the rollback target', async () => {
    const r = await run('full', await release('change', 'release-sequence v4'));
    expectSucceeded(r);
    outputs = stackOutputs(r);
    expect(outputs.LmiVersion).toBe('4');
    expect(outputs.StandardVersion).toBe('4');
    expect(route(r)).toEqual({
      before: { kind: 'lmi', target: lmi(2) },
      after: { kind: 'lmi', target: lmi(4) },
    });
    expect(changes(r)[0]).toBe('lmi (LMI v2) → canary:10 (LMI v2 → LMI v4)');
    expect(changes(r).at(-1)).toBe('canary:100 (LMI v2 → LMI v4) → lmi (LMI v4)');
    expect(wayBackOf(await stage())).toEqual({
      liveFunction: pinned(lmi(4)),
      rollbackFunction: pinned(lmi(2)),
      fallbackFunction: pinned(twin(4)),
      canary: false,
    });
    // The cleanup after the promotion must leave the rollback target alone.
    expect(r.report.cutover?.deletedVersions ?? []).not.toContain('2');
    await expectRoutable(lmi(2));
    expect(await apiGatewayStatements(cloud, lmi(2))).toContain(
      permissionStatementId({ restApiId: outputs.RestApiId!, stage: 'prod' }),
    );
    await expectRoutable(twin(4));
    mark('v4 full');
  }, 240_000);

  it('rollback returns production to the previous production version, LMI v2', async () => {
    const r = await run('rollback', undefined, ROLLBACK_INPUTS);
    expectSucceeded(r);
    expect(r.result).toMatchObject({
      mode: 'rollback',
      rollback: { type: 'rolled-back', route: { kind: 'lmi', target: lmi(2) } },
    });
    expect(r.report.cutover!.rollback).toMatchObject({
      verified: true,
      finalRoute: { kind: 'lmi', target: lmi(2) },
    });
    expect(changes(r)).toEqual(['lmi (LMI v4) → lmi (LMI v2)']);
    expect(wayBackOf(await stage())).toEqual({
      liveFunction: pinned(lmi(2)),
      rollbackFunction: undefined,
      fallbackFunction: pinned(twin(4)),
      canary: false,
    });
    expect(await answeredBy(cloud, outputs.ApiUrl!, 3)).toEqual({ '201 lmi v2': 3 });
    mark('rollback');
  }, 120_000);

  it('rollback with rollback-to: standard sends production to the twin’s last verified version, twin v4', async () => {
    // Twin v4 has served no production traffic yet: its environments are started first, as for
    // twin v1 (see warmTwin), so the switch meets warm environments rather than a burst of
    // cold starts on this shared 2-core machine.
    await warmTwin(cloud, outputs, twin(4), WARM_TWIN_ENVIRONMENTS);
    const r = await run('rollback', undefined, { ...ROLLBACK_INPUTS, 'rollback-to': 'standard' });
    expectSucceeded(r);
    expect(r.result).toMatchObject({
      mode: 'rollback',
      rollback: { type: 'rolled-back', route: { kind: 'standard', target: twin(4) } },
    });
    expect(r.report.cutover!.rollback).toMatchObject({ verified: true });
    expect(changes(r)).toEqual(['lmi (LMI v2) → standard (twin v4)']);
    expect(wayBackOf(await stage())).toEqual({
      liveFunction: pinned(twin(4)),
      rollbackFunction: undefined,
      fallbackFunction: pinned(twin(4)),
      canary: false,
    });
    expect(await answeredBy(cloud, outputs.ApiUrl!, 3)).toEqual({ '201 standard v4': 3 });
    // A second or two of production on the twin before the watcher stops.
    await new Promise((r) => setTimeout(r, 2000));
    mark('rollback to standard');
  }, 120_000);

  it('the watcher saw no answer from v3, no 5xx, no failure, and every 2xx stored exactly once', async () => {
    expect(watch).toBeDefined();
    const counts = await watch!.stop();
    const watchSeconds = (Date.now() - watchStartedAt) / 1000;
    const stored = await storedProbes(watchRunId);
    const ok = counts.okSequences.map((n) => probeDeliveryId(watchRunId, n));
    const storedOnce = ok.filter((id) => stored.get(id) === 1).length;
    const duplicates = ok.filter((id) => (stored.get(id) ?? 0) > 1).length;
    const missing = ok.filter((id) => !stored.has(id)).length;
    const fivexx = Object.entries(counts.byStatus)
      .filter(([s]) => s.startsWith('5'))
      .reduce((n, [, c]) => n + c, 0);
    const failed = counts.byStatus['0'] ?? 0;
    const figures = {
      sent: counts.sent,
      answered: counts.samples.length,
      byVersion: counts.byVersion,
      byStatus: counts.byStatus,
      ok: ok.length,
      storedOnce,
      storedTwiceOrMore: duplicates,
      notStored: missing,
      watchSeconds: Math.round(watchSeconds),
      ratePerSecond: Math.round((counts.sent / counts.sendingSeconds) * 10) / 10,
      sequenceSeconds: Math.round((Date.now() - started) / 1000),
    };
    console.log(
      [
        `release sequence: watcher at ${WATCH_RATE}/s through the stage: ${describeCounts(counts)}`,
        ...perStep().map((l) => `  ${l}`),
        `  figures: ${JSON.stringify(figures)}`,
      ].join('\n'),
    );
    // It ran the whole sequence at its rate: the watcher paces by the clock, so a busy machine
    // delays probes but does not drop them; the last second's probes may still be due.
    expect(counts.sent).toBeGreaterThan(100);
    expect(counts.sent).toBeGreaterThanOrEqual(Math.floor(counts.sendingSeconds * WATCH_RATE) - 1);
    expect(figures.ratePerSecond).toBeGreaterThanOrEqual(WATCH_RATE - 0.5);
    expect(counts.samples.length).toBe(counts.sent);
    expect(counts.byVersion['lmi v3'] ?? 0).toBe(0);
    expect(counts.byVersion['standard v3'] ?? 0).toBe(0);
    expect(fivexx).toBe(0);
    expect(failed).toBe(0);
    // Every answer was a 2xx from a known version.
    expect(ok.length).toBe(counts.sent);
    expect(counts.byVersion['no version'] ?? 0).toBe(0);
    // The versions production ran, in the sequence's order, all seen by the watcher.
    for (const v of ['standard v1', 'lmi v1', 'lmi v2', 'lmi v4', 'standard v4']) {
      expect(counts.byVersion[v] ?? 0).toBeGreaterThan(0);
    }
    expect(storedOnce).toBe(ok.length);
    expect(duplicates).toBe(0);
    expect(missing).toBe(0);
  }, 120_000);
});

/** The watcher's answers per version and status during each step. */
function perStep(): string[] {
  let previous: WatchCounts | undefined;
  return marks.map(({ step, counts }) => {
    const diff = (now: Readonly<Record<string, number>>, was: Readonly<Record<string, number>> = {}) =>
      Object.entries(now)
        .map(([k, n]) => [k, n - (was[k] ?? 0)] as const)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
    const line = `${step}: answered by ${diff(counts.byVersion, previous?.byVersion) || 'nobody'}; statuses ${diff(counts.byStatus, previous?.byStatus) || 'none'}`;
    previous = counts;
    return line;
  });
}

/** How many check events the table holds per delivery id of the watcher's run. */
async function storedProbes(runId: string): Promise<Map<string, number>> {
  const ddb = new DynamoDBClient({
    endpoint: cloud.emulator.endpoint,
    region: cloud.emulator.region,
    credentials: cloud.emulator.credentials,
  });
  const counts = new Map<string, number>();
  const prefix = probeDeliveryId(runId, 0).replace(/0$/, '');
  try {
    let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
    for (let page = 0; page < 10_000; page++) {
      const res = await ddb.send(
        new QueryCommand({
          TableName: outputs.EventsTableName,
          ConsistentRead: true,
          KeyConditionExpression: 'PK = :pk',
          FilterExpression: 'begins_with(delivery_id, :prefix)',
          ExpressionAttributeValues: { ':pk': { S: `EVENT#${CHECK_EVENT_TYPE}` }, ':prefix': { S: prefix } },
          ExclusiveStartKey,
        }),
      );
      for (const item of res.Items ?? []) {
        const id = item.delivery_id?.S;
        if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      ExclusiveStartKey = res.LastEvaluatedKey;
      if (!ExclusiveStartKey) break;
    }
  } finally {
    ddb.destroy();
  }
  return counts;
}
