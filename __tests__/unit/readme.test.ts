import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DEFAULTS, DESTROY_DEFAULTS } from '../../src/config/defaults.js';
import { DEFAULT_INSTANCE_TYPE, INSTANCE_TYPES, lmiMonthlyCost, PRICE_SOURCE } from '../../src/cost/index.js';
import { parseTemplate } from '../../src/pipeline/deploy/template/cfn-yaml.js';

const readme = readFileSync('README.md', 'utf8');

describe('README', () => {
  it('documents exactly the inputs and outputs action.yml declares', () => {
    // Throws (non-zero exit) with the reason when the tables drift from action.yml.
    expect(() =>
      execFileSync(process.execPath, ['scripts/readme-tables.mjs', '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('prices a staging stack from the price model and the template, as "Run it on AWS" says', () => {
    const template = parseTemplate(readFileSync('workload/template.yaml', 'utf8'), 'workload/template.yaml');
    const architecture = template.Parameters!.Architecture!.Default as 'arm64';
    const minimum = Number(template.Parameters!.MinExecutionEnvironments!.Default);
    const lmi = template.Resources.WebhookLmiFunction!.Properties!;
    const memoryMb = Number(lmi.MemorySize);
    const gibPerVCpu = Number(
      (lmi.CapacityProviderConfig as Record<string, unknown>).ExecutionEnvironmentMemoryGiBPerVCpu,
    );
    const type = DEFAULT_INSTANCE_TYPE[architecture];
    const idle = lmiMonthlyCost({
      invocations: 0,
      durationMs: 1,
      memoryMb,
      memoryGiBPerVCpu: gibPerVCpu,
      maxConcurrency: 64,
      architecture,
      scaling: { min: minimum, max: minimum },
      peakFactor: 1,
      savingsPlanDiscount: 0,
    });
    const hourly = INSTANCE_TYPES[type]!.hourly;
    const perDay = (idle.total / 730) * 24;
    expect(idle.instances).toBe(3);
    expect(readme).toContain(`\`${type}\` (2 vCPU, 8\nGiB, $${hourly} an hour)`);
    expect(readme).toContain(`| EC2 instances | 3 × 24 h × $${hourly} | ${(3 * 24 * hourly).toFixed(2)} |`);
    expect(readme).toContain(
      `| **staging stack, idle** | 3 × 24 × ${hourly} × 1.15 | **${perDay.toFixed(2)}** |`,
    );
    expect(readme).toContain(`That is $${idle.total.toFixed(2)} a month (730 h)`);
    expect(readme).toContain(`both run ($${(2 * perDay).toFixed(2)} a day)`);
    // The capacity provider's ceiling holds this many versions' minimums.
    const maxVCpu = Number(template.Parameters!.MaxVCpuCount!.Default);
    const vCpus = memoryMb / 1024 / gibPerVCpu;
    expect(readme).toContain(
      `capacity provider's ${maxVCpu} vCPUs (${maxVCpu / (minimum * vCpus)} versions × ${minimum} environments × ${vCpus} vCPU)`,
    );
    expect(PRICE_SOURCE).toContain('as read 2025-12');
    expect(readme).toContain("AWS's us-east-1\non-demand Linux prices as read 2025-12");
  });

  it('times a release from the defaults, as "Run it on AWS" says', () => {
    const steps = DEFAULTS.cutoverSteps;
    const bake = DEFAULTS.bakeSeconds;
    expect(readme).toContain(
      `\`cutover-steps\` ${steps.join(', ')} × \`bake-seconds\` ${bake} = ${steps.length} × ${bake} s = ${(steps.length * bake) / 60} minutes`,
    );
    expect(readme).toContain(
      `\`deploy-timeout-minutes\` (${DEFAULTS.deployTimeoutMinutes}) and \`provisioning-timeout-minutes\` (${DEFAULTS.provisioningTimeoutMinutes})`,
    );
    expect(readme).toContain(
      `${steps.length} × (${bake} + ${DEFAULTS.metricsDelaySeconds}) s = ${(steps.length * (bake + DEFAULTS.metricsDelaySeconds)) / 60} minutes`,
    );
    expect(readme).toContain(
      `\`--traffic-window-hours\` (default ${DESTROY_DEFAULTS.trafficWindowHours}, a week)`,
    );
    expect(readme).toContain(`\`--timeout-minutes\`, default ${DESTROY_DEFAULTS.timeoutMinutes}`);
  });
});
