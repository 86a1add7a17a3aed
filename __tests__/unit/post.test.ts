// The post step against a stage held by the emulator's patch logic (mocked SDK): nothing saved,
// a consistent stage left alone, its own canary rolled back to the production version and said
// so in the log and the job summary, someone else's canary reported and left alone, and the loud
// failure when it cannot tell or repair.
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { APIGatewayClient, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';

const saved: Record<string, string> = {};
jest.unstable_mockModule('@actions/core', () => ({
  getState: (name: string) => saved[name] ?? '',
  saveState: (name: string, value: string) => {
    saved[name] = value;
  },
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  setFailed: () => undefined,
  setSecret: () => undefined,
  group: async <T>(_name: string, fn: () => Promise<T>) => fn(),
  getInput: () => '',
  summary: { addRaw: () => ({ write: async () => undefined }), emptyBuffer: () => undefined },
}));
const { runPost, saveRouteState } = await import('../../src/github/post.js');
const { CUTOVER_STATE_KEY, advanceCutoverState, initialCutoverState, intendCutoverState } =
  await import('../../src/pipeline/traffic/cutover-state.js');
const { fakeLambda, fakeStage, lmi, LMI1, LMI2, LMI_FN, TWIN1 } = await import('./cutover-fakes.js');
const { recordingProgress } = await import('./support.js');
type FakeStage = import('./cutover-fakes.js').FakeStage;
type CutoverState = import('../../src/pipeline/traffic/cutover-state.js').CutoverState;
type Route = import('../../src/core/domain.js').Route;

const apigw = mockClient(APIGatewayClient);
const lambda = mockClient(LambdaClient);
let progress: ReturnType<typeof recordingProgress>;
let summaries: string[];
let failures: string[];

beforeEach(() => {
  apigw.reset();
  lambda.reset();
  fakeLambda(lambda);
  for (const k of Object.keys(saved)) delete saved[k];
  progress = recordingProgress();
  summaries = [];
  failures = [];
});

/** A run that started on LMI v1 and set a canary to LMI v2, then saved `current`. */
function stateAt(stage: FakeStage, current: Route): CutoverState {
  const start = initialCutoverState({
    stackName: 'webhook',
    region: 'us-east-1',
    ref: stage.ref,
    route: { kind: 'lmi', target: lmi(1) },
    production: lmi(1),
    at: '2025-01-02T03:00:00.000Z',
  });
  const canary: Route = { kind: 'canary', percent: 10, base: lmi(1), candidate: lmi(2) };
  const intended = intendCutoverState(start, canary, '2025-01-02T03:00:30.000Z');
  return advanceCutoverState(intended, { to: current, at: '2025-01-02T03:01:00.000Z' });
}

const canaryAt = (percent: number): Route => ({ kind: 'canary', percent, base: lmi(1), candidate: lmi(2) });

const post = (getState: (key: string) => string = (k) => saved[k] ?? '') =>
  runPost({
    getState,
    inputs: {},
    env: {},
    progress,
    writeSummary: async (md) => {
      summaries.push(md);
    },
    setFailed: (m) => failures.push(m),
  });

describe('post step', () => {
  it('says nothing is pending when the main step saved no route change', async () => {
    await expect(post()).resolves.toEqual({ type: 'nothing-saved' });
    expect(progress.lines).toEqual([
      'lmi-cutover post step: nothing pending; the main step changed no route.',
    ]);
    expect(summaries).toEqual([]);
    expect(apigw.calls()).toHaveLength(0);
  });

  it('leaves a consistent stage alone, whatever the main step last saved', async () => {
    const stage = fakeStage(apigw, { live: LMI2, rollback: LMI1 });
    saveRouteState(
      advanceCutoverState(stateAt(stage, canaryAt(50)), {
        to: { kind: 'lmi', target: lmi(2) },
        at: '2025-01-02T03:02:00.000Z',
      }),
    );
    const result = await post();
    expect(result).toMatchObject({ type: 'nothing-pending', route: { kind: 'lmi', target: lmi(2) } });
    expect(stage.label()).toBe('LMI v2');
    expect(stage.updates()).toEqual([]);
    expect(progress.lines.at(-1)).toBe(
      "lmi-cutover post step: The stage's route is lmi (LMI v2): nothing is pending.",
    );
    expect(summaries).toEqual([]);
  });

  it('returns its own canary to the production version it started from, in the log and the job summary', async () => {
    const stage = fakeStage(apigw, { live: LMI1, canary: { percent: 50, override: LMI2 } });
    saveRouteState(stateAt(stage, canaryAt(50)));
    expect(JSON.parse(saved[CUTOVER_STATE_KEY]!)).toMatchObject({
      production: lmi(1),
      candidate: lmi(2),
      currentRoute: canaryAt(50),
    });

    const result = await post();
    expect(result).toMatchObject({
      type: 'repaired',
      from: canaryAt(50),
      to: { kind: 'lmi', target: lmi(1) },
    });
    expect(stage.label()).toBe('LMI v1');
    expect(progress.warnings.at(-1)).toBe(
      'lmi-cutover post step: The release was left unfinished at canary:50 (LMI v1 → LMI v2); production returned to LMI v1 (not verified by probes).',
    );
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toContain('cutover repaired');
    expect(summaries[0]).toContain('at `canary:50 (LMI v1 → LMI v2)`');
    expect(summaries[0]).toContain('returned production to `lmi (LMI v1)`, where the run started');
    // No stage URL was saved, so no prober: the repair stands on the stage's read-back.
    expect(failures).toEqual([]);
  });

  it('reports a canary its main step did not start, leaves it untouched and does not fail', async () => {
    // Another run's canary to LMI v3 over the same production version.
    const stage = fakeStage(apigw, { live: LMI1, canary: { percent: 30, override: `${LMI_FN}:3` } });
    saveRouteState(stateAt(stage, canaryAt(10)));
    const result = await post();
    expect(result).toMatchObject({
      type: 'foreign-canary',
      route: { kind: 'canary', percent: 30, base: lmi(1), candidate: lmi(3) },
    });
    expect(apigw).not.toHaveReceivedCommand(UpdateStageCommand);
    expect(stage.label()).toBe('canary:30 (LMI v1 → LMI v3)');
    expect(progress.codes).toContain('github.post-foreign-canary');
    expect(progress.text()).toContain(
      "that this run's main step did not start (it meant LMI v2 over LMI v1); left untouched",
    );
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toContain('a canary this run did not start');
    expect(summaries[0]).toContain('`canary:30 (LMI v1 → LMI v3)`');
    expect(summaries[0]).toContain('left it untouched');
    expect(failures).toEqual([]);
  });

  it('fails loudly, with the commands to fix it, on a stage in a shape it did not make', async () => {
    const stage = fakeStage(apigw, { live: 'someone-else:live', rollback: LMI1, fallback: TWIN1 });
    saveRouteState(stateAt(stage, canaryAt(10)));
    const result = await post();
    expect(result).toMatchObject({ type: 'failed' });
    expect(stage.updates()).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('[ROUTE_UNKNOWN]');
    expect(failures[0]).toContain(`All traffic to ${LMI1}: aws apigateway update-stage`);
    expect(summaries[0]).toContain('the route may be left mid-cutover');
  });

  it('fails loudly on a state it cannot read', async () => {
    const result = await post(() => '{"version":1');
    expect(result).toMatchObject({ type: 'failed' });
    expect(failures[0]).toMatch(
      /^lmi-cutover post step: \[INTERNAL_ERROR\] The route state the main step saved cannot be read/,
    );
  });
});
