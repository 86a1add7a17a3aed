// When mode full moves production off a freshly deployed LMI version that failed verification:
// only when production was on lmi, the deploy put a new version live, and the twin is healthy.
import { describe, expect, it } from '@jest/globals';
import { failedVersionIsLive } from '../../src/pipeline/modes/full.js';
import type { RouteBeforeDeploy } from '../../src/pipeline/traffic/live-route.js';
import type { VerifiedSoFar } from '../../src/pipeline/modes/full.js';
import type { DeployResult } from '../../src/pipeline/deploy/deploy-stack.js';
import type { SmokeResult } from '../../src/pipeline/verify/smoke.js';
import type { SmokeCheck } from '../../src/core/domain.js';

const onLmi: RouteBeforeDeploy = {
  route: { kind: 'lmi' },
  parameterOverrides: { LiveTarget: 'lmi' },
  changes: [],
  lmiVersion: '4',
};
const check = (target: 'lmi' | 'standard', passed: boolean) => ({ target, passed }) as SmokeCheck;
const builder = (r: { deploy?: DeployResult; smoke?: Pick<SmokeResult, 'checks'> & { passed: boolean } }) =>
  r as VerifiedSoFar;
const deployed = (version: string, type: 'did-deploy-stack' | 'no-op' = 'did-deploy-stack') =>
  ({ type, outputs: { LmiVersion: version } }) as unknown as DeployResult;

describe('failedVersionIsLive', () => {
  it('is true when production was on lmi and the deploy put a new LMI version live', () => {
    expect(failedVersionIsLive(onLmi, builder({ deploy: deployed('5') }))).toBe(true);
    expect(
      failedVersionIsLive(
        onLmi,
        builder({
          deploy: deployed('5'),
          smoke: { checks: [check('lmi', false), check('standard', true)], passed: false },
        }),
      ),
    ).toBe(true);
  });

  it('is false when production was not on lmi, nothing new went live, or the deploy failed', () => {
    expect(
      failedVersionIsLive({ ...onLmi, route: { kind: 'standard' } }, builder({ deploy: deployed('5') })),
    ).toBe(false);
    expect(failedVersionIsLive({ ...onLmi, route: undefined }, builder({ deploy: deployed('5') }))).toBe(
      false,
    );
    expect(failedVersionIsLive(onLmi, builder({ deploy: deployed('4') }))).toBe(false);
    expect(failedVersionIsLive(onLmi, builder({ deploy: deployed('4', 'no-op') }))).toBe(false);
    expect(failedVersionIsLive(onLmi, builder({}))).toBe(false);
  });

  it('never sends production to a twin that failed its own smoke checks in the same run', () => {
    const smoke = { checks: [check('lmi', false), check('standard', false)], passed: false };
    expect(failedVersionIsLive(onLmi, builder({ deploy: deployed('5'), smoke }))).toBe(false);
  });
});
