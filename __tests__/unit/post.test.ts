// The post step against a stage held by the emulator's patch logic (mocked SDK): nothing saved,
// a consistent stage left alone, a stage left mid-canary rolled back and said so in the log and
// the job summary, and the loud failure when it cannot tell or repair.
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
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
const { CUTOVER_STATE_KEY, advanceCutoverState, initialCutoverState } =
  await import('../../src/pipeline/traffic/cutover-state.js');
const { fakeStage, LMI } = await import('./cutover-fakes.js');
const { recordingProgress } = await import('./support.js');
type FakeStage = import('./cutover-fakes.js').FakeStage;
type CutoverState = import('../../src/pipeline/traffic/cutover-state.js').CutoverState;

const apigw = mockClient(APIGatewayClient);
let progress: ReturnType<typeof recordingProgress>;
let summaries: string[];
let failures: string[];

beforeEach(() => {
  apigw.reset();
  for (const k of Object.keys(saved)) delete saved[k];
  progress = recordingProgress();
  summaries = [];
  failures = [];
});

function stateAt(stage: FakeStage, current: CutoverState['currentRoute']): CutoverState {
  const start = initialCutoverState({
    stackName: 'webhook',
    region: 'us-east-1',
    ref: stage.ref,
    route: { kind: 'standard' },
    at: '2025-01-02T03:00:00.000Z',
  });
  return advanceCutoverState(start, { to: current, at: '2025-01-02T03:01:00.000Z' });
}

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
    const stage = fakeStage(apigw, { live: LMI });
    saveRouteState(
      advanceCutoverState(stateAt(stage, { kind: 'canary', percent: 50 }), {
        to: { kind: 'lmi' },
        at: '2025-01-02T03:02:00.000Z',
      }),
    );
    const result = await post();
    expect(result).toMatchObject({ type: 'nothing-pending', route: { kind: 'lmi' } });
    expect(stage.label()).toBe('lmi');
    expect(stage.updates()).toEqual([]);
    expect(progress.lines.at(-1)).toBe(
      "lmi-cutover post step: The stage's route is lmi: nothing is pending.",
    );
    expect(summaries).toEqual([]);
  });

  it('rolls a stage left mid-canary back to standard and says so in the log and the job summary', async () => {
    const stage = fakeStage(apigw, { canary: { percent: 50 } });
    saveRouteState(stateAt(stage, { kind: 'canary', percent: 50 }));
    expect(JSON.parse(saved[CUTOVER_STATE_KEY]!)).toMatchObject({
      currentRoute: { kind: 'canary', percent: 50 },
    });

    const result = await post();
    expect(result).toMatchObject({
      type: 'repaired',
      from: { kind: 'canary', percent: 50 },
      to: { kind: 'standard' },
    });
    expect(stage.label()).toBe('standard');
    expect(progress.warnings.at(-1)).toMatch(
      /^lmi-cutover post step: The cutover was left unfinished at canary:50; rolled back to standard \(not verified by probes\)\.$/,
    );
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toContain('cutover repaired');
    expect(summaries[0]).toContain('at `canary:50`');
    expect(summaries[0]).toContain('returned it to `standard`');
    // No stage URL was saved, so no prober: the repair stands on the stage's read-back.
    expect(failures).toEqual([]);
  });

  it('fails loudly, with the commands to fix it, on a stage in a shape it did not make', async () => {
    const stage = fakeStage(apigw, { live: 'someone-else:live' });
    saveRouteState(stateAt(stage, { kind: 'canary', percent: 10 }));
    const result = await post();
    expect(result).toMatchObject({ type: 'failed' });
    expect(stage.updates()).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('[ROUTE_UNKNOWN]');
    expect(failures[0]).toContain('aws apigateway update-stage');
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
