// The route, cutover-result and rolled-back outputs, from a finished run or from what stopped it.
import { describe, expect, it } from '@jest/globals';
import type { Mode } from '../../src/core/domain.js';
import { setRouteOutputs } from '../../src/github/outputs.js';
import { CutoverFailedError } from '../../src/pipeline/traffic/cutover.js';
import { CutoverError } from '../../src/core/errors.js';
import { RollbackFailedError } from '../../src/pipeline/traffic/rollback.js';
import type { PipelineResult } from '../../src/pipeline/run.js';
import type { CutoverSection, Report, ReadonlyReport } from '../../src/report/model.js';

const section = (over: Partial<CutoverSection> = {}): CutoverSection => ({
  steps: [],
  routeChanges: [],
  promoted: false,
  rolledBack: false,
  deletedVersions: [],
  ...over,
});
const report = (over: Partial<Report> = {}) => ({ route: {}, ...over }) as Report;

function outputs(mode: Mode, end: Parameters<typeof setRouteOutputs>[1], r: ReadonlyReport) {
  const set: Record<string, string> = {};
  setRouteOutputs(mode, end, r, (k, v) => (set[k] = v));
  return set;
}

describe('setRouteOutputs', () => {
  it('says promoted, no-op and where the route is after a finished cutover or rollback', () => {
    const promoted = {
      mode: 'cutover',
      cutover: {
        outcome: {
          type: 'promoted',
          before: { kind: 'standard' },
          route: { kind: 'lmi' },
          section: section(),
        },
      },
    } as unknown as PipelineResult;
    expect(outputs('cutover', { result: promoted }, report())).toEqual({
      route: 'lmi',
      'cutover-result': 'promoted',
      'rolled-back': 'false',
    });
    const rolledBack = {
      mode: 'rollback',
      rollback: { type: 'rolled-back', before: { kind: 'lmi' }, route: { kind: 'standard' } },
    } as unknown as PipelineResult;
    expect(outputs('rollback', { result: rolledBack }, report())).toEqual({
      route: 'standard',
      'cutover-result': 'rolled-back',
      'rolled-back': 'true',
    });
  });

  it('gives deploy and verify only the route, when it was read', () => {
    const deploy = { mode: 'deploy' } as unknown as PipelineResult;
    expect(
      outputs(
        'deploy',
        { result: deploy },
        report({ route: { before: { kind: 'lmi' }, after: { kind: 'lmi' } } }),
      ),
    ).toEqual({
      route: 'lmi',
    });
    expect(outputs('deploy', { result: deploy }, report())).toEqual({});
  });

  it('tells a rolled-back cutover, a failed rollback and a run that stopped before moving traffic apart', () => {
    const rolled = new CutoverFailedError(
      'CUTOVER_STEP_FAILED',
      'x',
      [],
      section({ rolledBack: true }),
      { kind: 'standard' },
      { kind: 'standard' },
    );
    expect(outputs('full', { error: rolled }, report())).toEqual({
      route: 'standard',
      'cutover-result': 'rolled-back',
      'rolled-back': 'true',
    });
    const stuck = new RollbackFailedError('y', [], {
      reason: 'r',
      at: '2025-01-01T00:00:00.000Z',
      verified: false,
      probes: 0,
      finalRoute: { kind: 'canary', percent: 50 },
    });
    expect(outputs('rollback', { error: stuck }, report())).toEqual({
      route: 'canary:50',
      'cutover-result': 'rollback-failed',
      'rolled-back': 'false',
    });
    const gate = new CutoverError('GATE_FAILED', 'z');
    expect(
      outputs(
        'cutover',
        { error: gate },
        report({ route: { before: { kind: 'standard' }, after: { kind: 'standard' } } }),
      ),
    ).toEqual({
      route: 'standard',
      'cutover-result': 'failed',
      'rolled-back': 'false',
    });
  });
});
