// Which templates the deploy stage refuses because SAM would delete their previous LMI version
// on every deploy: only functions on a capacity provider that publish versions without Retain.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseTemplate, type CfnTemplate } from '../../src/pipeline/deploy/template/cfn-yaml.js';
import { assertLmiVersionsRetained } from '../../src/pipeline/deploy/template/version-retention.js';

const CP = { Arn: 'arn:aws:lambda:us-east-1:123456789012:capacity-provider:cp' };
const fn = (props: Record<string, unknown>) => ({ Type: 'AWS::Serverless::Function', Properties: props });
const refusal = (t: CfnTemplate) => {
  try {
    assertLmiVersionsRetained(t);
    return undefined;
  } catch (e) {
    return e as { code: string; message: string };
  }
};

describe('assertLmiVersionsRetained', () => {
  it('refuses LMI functions that publish versions under SAM’s default or Delete, naming each', () => {
    const e = refusal({
      Resources: {
        A: fn({ CapacityProviderConfig: CP, AutoPublishAlias: 'live' }),
        B: fn({ CapacityProviderConfig: CP, AutoPublishAlias: 'live', VersionDeletionPolicy: 'Delete' }),
        C: fn({ CapacityProviderConfig: CP, AutoPublishAlias: 'live', VersionDeletionPolicy: 'Retain' }),
      },
    });
    expect(e?.code).toBe('TEMPLATE_INVALID');
    expect(e?.message).toMatch(/^A, B run on a capacity provider without "VersionDeletionPolicy: Retain"/);
    expect(e?.message).not.toContain('C');
  });

  it('accepts Retain from Globals, standard functions, and LMI functions that publish nothing', () => {
    expect(
      refusal({
        Globals: { Function: { VersionDeletionPolicy: 'Retain' } },
        Resources: { A: fn({ CapacityProviderConfig: CP, AutoPublishAlias: 'live' }) },
      }),
    ).toBeUndefined();
    expect(refusal({ Resources: { S: fn({ AutoPublishAlias: 'live' }) } })).toBeUndefined();
    expect(refusal({ Resources: { U: fn({ CapacityProviderConfig: CP }) } })).toBeUndefined();
  });

  it('accepts the bundled workload template', () => {
    const text = readFileSync(new URL('../../workload/template.yaml', import.meta.url), 'utf8');
    expect(refusal(parseTemplate(text, 'workload/template.yaml'))).toBeUndefined();
  });
});
