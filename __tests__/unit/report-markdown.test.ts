import { describe, expect, it } from '@jest/globals';
import { compareCosts } from '../../src/cost/compare.js';
import { costCurve, niceCeiling } from '../../src/report/charts.js';
import { consoleLinks } from '../../src/report/links.js';
import { COMMENT_LIMIT, commentMarker, renderMarkdown } from '../../src/report/markdown.js';
import {
  costInput,
  deployOnlyReport,
  fullReport,
  markdownProblems,
  mermaidBlocks,
  rollbackFailedReport,
} from './report.fixture.js';

const render = (r = fullReport()) =>
  renderMarkdown(r, { limit: COMMENT_LIMIT, marker: commentMarker(r.run.stackName) });

describe('renderMarkdown: a full run', () => {
  const md = render();

  it('starts with the marker, then the outcome and the route now', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('<!-- lmi-cutover:webhook-prod -->');
    expect(md).toContain('## ✅ lmi-cutover `full` succeeded on `webhook-prod`');
    expect(md).toContain('**route: standard → lmi**');
    expect(md).toContain('took 14m12s');
  });

  it('has every section the run has data for', () => {
    for (const heading of [
      '### Timeline',
      '### Change set',
      '### LMI provisioning',
      '### Smoke checks: 3/3 passed',
      '### Concurrency check: LMI vs standard twin',
      '#### Gates',
      '### Concurrency sweep',
      '### Cutover steps',
      '### Route changes',
      '### Cost per month at 5,000,000 invocations',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).not.toContain('### Rollback');
  });

  it('counts the change set and flags replacements', () => {
    expect(md).toContain(
      '| Added | Modified | Replaced | Removed |\n| ---: | ---: | ---: | ---: |\n| 1 | 1 | 1 | 1 |',
    );
    expect(md).toContain('⚠️ **1 replacement(s):** deleted and recreated — `WebhookLmiFunctionVersion`');
    // Replacements sort first in the per-resource list.
    expect(md).toMatch(/\| Physical ID \|\n[^\n]+\n\| ⚠️ \| Replace \| `WebhookLmiFunctionVersion` \|/);
  });

  it('puts latency, environments, throttles and errors side by side', () => {
    expect(md).toContain('| p95 | 232 ms | 411 ms |');
    expect(md).toContain('| Environments used | 3 | 192 |');
    expect(md).toContain(
      "| Peak in flight per environment | ≥32, counted by the function per worker thread (the busiest one's count) | 1, counted by the function |",
    );
    expect(md).toContain('| Throttles | 0 (0 %) | 0 (0 %) |');
    expect(md).toContain('| Cold starts | – | 192 |');
  });

  it('marks the knee of the sweep and shows each cutover step with its observed split', () => {
    expect(md).toContain('| 32 | 180 ms | 232 ms | 480 ms | 304.0 req/s | 0 % | 0 | ◀ **knee** |');
    expect(md).toContain(
      '| 50 % | 10:07:00Z | 2m00s | 240 | 49.2 % | ±5 % | 230 ms | 240 ms | 0/120 | 0/120 | ✅ |',
    );
    expect(md).toContain('| 2025-12-01 10:11:01Z | `canary:100` | `lmi` | promote |');
    expect(md).toContain('✅ Promoted');
  });

  it('states the cost comparison, the crossover and the assumptions', () => {
    const c = compareCosts(costInput);
    expect(md).toContain(`**$29.27**`);
    expect(md).toContain(`**$206.51**`);
    expect(md).toContain(`(${new Intl.NumberFormat('en-US').format(c.crossoverInvocations!)})`);
    expect(md).toContain('<details><summary>Assumptions</summary>');
    expect(md).toContain('- Prices: AWS public price pages');
  });

  // Whether mermaid accepts them and how they look drawn: __tests__/render/charts.test.ts.
  it('draws three xychart-beta charts with their own colours, marks in the titles', () => {
    const blocks = mermaidBlocks(md);
    expect(blocks).toHaveLength(3);
    for (const b of blocks) expect(b).toMatch(/^%%\{init: .*"plotColorPalette": "#2f81f7[",]/);
    expect(blocks[0]).toContain('bar [182.4, 231.9, 262.3, 301.7]');
    expect(blocks[0]).toContain('line [190.2, 410.5, 702.2, 1210.4]');
    expect(blocks[1]).toContain('title "LMI p95 (ms) by concurrency: knee at 32"');
    expect(blocks[1]).toContain('["8", "16", "32", "64"]');
    expect(blocks[2]).toContain('title "Monthly cost: this run 5M, crossover 36.4M"');
    expect(blocks[2]).toMatch(/x-axis "invocations per month" \[.*"5M", .*"36\.4M", .*\]/);
    expect(md).toContain(
      '_Blue bars: LMI (whole instances, never fewer than 3). Orange line: standard Lambda',
    );
  });

  it('links the stack, both functions and the API in the region’s console', () => {
    expect(md).toContain(
      '[CloudFormation stack](https://eu-west-1.console.aws.amazon.com/cloudformation/home?region=eu-west-1#/stacks/stackinfo?stackId=arn%3Aaws%3Acloudformation%3Aeu-west-1%3A123456789012%3Astack%2Fwebhook-prod%2F7d2e6b10-0b8f-11f0-9c4e-0a1b2c3d4e5f)',
    );
    expect(md).toContain(
      '[LMI function](https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/webhook-prod-lmi)',
    );
    expect(md).toContain(
      '[standard twin](https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/webhook-prod-standard)',
    );
    expect(md).toContain(
      '[API Gateway API](https://eu-west-1.console.aws.amazon.com/apigateway/main/apis/a1b2c3d4e5/resources?api=a1b2c3d4e5&region=eu-west-1)',
    );
  });

  it('is well-formed markdown and nothing was trimmed', () => {
    expect(markdownProblems(md)).toEqual([]);
    expect(md).not.toContain('✂️');
  });
});

describe('renderMarkdown: sections follow the data', () => {
  it('a deploy-only run has no verify, cutover, cost or chart sections and no route line', () => {
    const md = render(deployOnlyReport());
    expect(md).toContain('### Change set');
    for (const absent of [
      'Smoke checks',
      'Concurrency check',
      'Cutover steps',
      'Route changes',
      'Cost per month',
      '```mermaid',
      'route:',
    ]) {
      expect(md).not.toContain(absent);
    }
    expect(markdownProblems(md)).toEqual([]);
  });

  it("a checks file's load request shows environments unknown and isolation not applicable, never passed", () => {
    const r = fullReport();
    for (const side of [r.load!.lmi, r.load!.standard!]) {
      delete side.environments;
      delete side.peakInFlightPerEnvironment;
      delete side.peakInFlightSource;
      delete side.isolation;
    }
    const md = render(r);
    expect(md).toContain('### Concurrency check: LMI vs standard twin');
    expect(md).toContain(
      '| Environments used | unknown: the app does not report its environment | unknown: the app does not report its environment |',
    );
    expect(md).toContain(
      '| Isolation | not applicable: no events table to read back | not applicable: no events table to read back |',
    );
    expect(md).not.toContain('Peak in flight');
    expect(markdownProblems(md)).toEqual([]);
  });

  it('says an in-flight peak counted by the function is counted, and for one worker per environment exact', () => {
    const r = fullReport();
    r.load!.lmi.peakInFlightPerEnvironment = 5;
    r.load!.lmi.peakInFlightSource = 'function';
    const md = render(r);
    expect(md).toContain(
      '| Peak in flight per environment | 5, counted by the function | 1, counted by the function |',
    );
    expect(md).not.toContain('estimated');
    expect(markdownProblems(md)).toEqual([]);
  });

  it('never states a client-side estimate above 1 as the standard twin’s concurrency', () => {
    const r = fullReport();
    r.load!.lmi.peakInFlightPerEnvironment = 8;
    r.load!.standard!.environments = 24;
    r.load!.standard!.peakInFlightPerEnvironment = 2;
    // Answers without the function's count (a workload bundle older than in_flight).
    r.load!.lmi.peakInFlightSource = 'client-estimate';
    r.load!.standard!.peakInFlightSource = 'client-estimate';
    const md = render(r);
    expect(md).toContain(
      '| Peak in flight per environment | ≈8, estimated from client-side timing | 1, as standard Lambda guarantees (client-side timing showed ≈2: overlap, not concurrency) |',
    );
    expect(md).not.toMatch(/peak 2|≈2 in flight/);
    expect(markdownProblems(md)).toEqual([]);
  });

  it('reads a report written before the peak carried its source as an estimate too', () => {
    const r = fullReport();
    delete r.load!.lmi.peakInFlightSource;
    expect(render(r)).toContain('| ≈32, estimated from client-side timing |');
  });

  it('a no-op deploy says there were no changes', () => {
    const r = deployOnlyReport();
    r.deploy = { ...r.deploy!, type: 'no-op', changes: [] };
    r.run.outcome = 'no-op';
    const md = render(r);
    expect(md).toContain('## ➖ lmi-cutover `deploy` no-op');
    expect(md).toContain('No changes: the stack already matches the template.');
    expect(md).not.toContain('| Added |');
  });

  it('a cost section without its inputs has the table but no chart', () => {
    const r = fullReport();
    delete r.cost!.input;
    const md = render(r);
    expect(md).toContain('### Cost per month');
    expect(mermaidBlocks(md)).toHaveLength(2);
  });

  it('says so when LMI never becomes cheaper', () => {
    const r = fullReport();
    r.cost = { ...r.cost!, crossoverInvocations: null };
    expect(render(r)).toContain('LMI never becomes the cheaper option');
  });

  it('a sweep with more levels than fit on the chart says the chart shows some, the table all', () => {
    const r = fullReport();
    const level = r.load!.sweep![0]!;
    r.load!.sweep = Array.from({ length: 30 }, (_, i) => ({
      ...level,
      concurrencyPerEnvironment: 100 + i * 10,
      knee: i === 11,
    }));
    const md = render(r);
    expect(md).toContain(
      '_The chart shows 14 of the 30 levels, the knee among them; the table lists every level._',
    );
    expect(md).toContain('| 290 |');
  });

  it('a run without a twin draws LMI bars only', () => {
    const r = fullReport();
    delete r.load!.standard;
    const [latency] = mermaidBlocks(render(r));
    expect(latency).toContain('bar [');
    expect(latency).not.toContain('line [');
    expect(render(r)).toContain('### Concurrency check: LMI\n');
  });

  it('a clean rollback reports the reason, the probes and the final route', () => {
    const r = fullReport();
    r.run.outcome = 'rolled-back';
    r.route.after = { kind: 'standard' };
    r.cutover!.promoted = false;
    r.cutover!.rolledBack = true;
    r.cutover!.rollback = {
      reason: 'step 2 p95 910 ms over max-p95-ms 615.75',
      at: '2025-12-01T10:09:30.000Z',
      verified: true,
      probes: 40,
      finalRoute: { kind: 'standard' },
    };
    const md = render(r);
    expect(md).toContain('## ↩️ lmi-cutover `full` rolled back');
    expect(md).toContain('**route: standard (unchanged)**');
    expect(md).toContain('✅ Verified with 40 probe(s): all traffic is on `standard` again.');
    expect(md).not.toContain('[!CAUTION]');
  });
});

describe('renderMarkdown: a failed rollback', () => {
  const md = render(rollbackFailedReport());

  it('is loud, near the top, with the stage state and the manual fix verbatim', () => {
    const caution = md.indexOf('> [!CAUTION]');
    expect(caution).toBeGreaterThan(0);
    expect(caution).toBeLessThan(md.indexOf('### Timeline'));
    expect(md).toContain('Fix the stage by hand now.');
    expect(md).toContain('canarySettings.percentTraffic=50');
    expect(md).toContain(
      '> ```sh\n> aws apigateway update-stage --region eu-west-1 --rest-api-id a1b2c3d4e5 --stage-name prod --patch-operations op=remove,path=/canarySettings op=replace,path=/variables/liveFunction,value=webhook-prod-standard:3\n> ```',
    );
    expect(md).toContain('## ❌ lmi-cutover `full` failed');
    expect(md).toContain('**route: standard → canary:50**');
    expect(md).toContain(
      '| 50 % | 10:07:00Z | 2m00s | 240 | 49.2 % | ±5 % | 910 ms | 240 ms | 7/120 | 0/120 | ❌ LMI error rate 2.9 % over max-error-rate 0 |',
    );
    expect(markdownProblems(md)).toEqual([]);
  });
});

describe('renderMarkdown: hostile values stay inside their cells', () => {
  it('pipes, newlines and HTML in values do not break tables or open tags', () => {
    const r = fullReport();
    r.smoke!.checks[0]!.actual = '500 | <details><summary>x</summary>\nboom -->';
    r.smoke!.passed = false;
    r.smoke!.checks[0]!.passed = false;
    r.run.error = { code: 'SmokeFailed', message: 'health answered 500 <script>' };
    const md = render(r);
    expect(markdownProblems(md)).toEqual([]);
    expect(md).toContain('500 \\| &lt;details&gt;&lt;summary&gt;x&lt;/summary&gt; boom --&gt;');
    expect(md).toContain('health answered 500 &lt;script&gt;');
    // A failed check opens its details and sorts first.
    expect(md).toContain('<details open><summary>3 check(s)</summary>');
  });
});

describe('renderMarkdown: no accidental mentions', () => {
  it('an @name in a message or cell does not mention anyone', () => {
    const r = fullReport();
    r.run.error = { code: 'DeployFailed', message: 'cannot load @aws-sdk/client-lambda, ask @alice' };
    r.timeline[0]!.detail = 'owner @bob';
    const md = render(r);
    expect(md).toContain('cannot load @\u200baws-sdk/client-lambda, ask @\u200balice');
    expect(md).toContain('owner @\u200bbob');
    expect(md).not.toMatch(/@(alice|bob|aws-sdk)/);
  });
});

describe('console links', () => {
  it('use each partition’s console host and the bare function name', () => {
    expect(
      consoleLinks({
        region: 'cn-north-1',
        lmiFunction: 'arn:aws-cn:lambda:cn-north-1:123456789012:function:fn:live',
      }).lmiFunction,
    ).toBe('https://cn-north-1.console.amazonaws.cn/lambda/home?region=cn-north-1#/functions/fn');
    expect(consoleLinks({ region: 'us-gov-west-1', standardFunction: 'twin:live' }).standardFunction).toBe(
      'https://console.amazonaws-us-gov.com/lambda/home?region=us-gov-west-1#/functions/twin',
    );
    expect(consoleLinks({ region: 'us-east-1' })).toEqual({});
  });

  it('prefer links the report carries', () => {
    const r = fullReport();
    r.links = { api: 'https://example.test/api' };
    expect(render(r)).toContain('[API Gateway API](https://example.test/api)');
  });
});

describe('cost chart data', () => {
  it('spans the run’s volume and the crossover, each point priced exactly as compareCosts prices it', () => {
    const at = compareCosts(costInput);
    const curve = costCurve(costInput, at);
    const cross = curve.find((p) => p.marks.includes('crossover'));
    const run = curve.find((p) => p.marks.includes('this run'));
    expect(cross?.invocations).toBe(at.crossoverInvocations);
    expect(run?.invocations).toBe(5_000_000);
    expect(cross!.lmi).toBeLessThanOrEqual(cross!.standard);
    expect(curve[0]!.standard).toBeLessThan(curve[0]!.lmi);
    expect(curve.at(-1)!.standard).toBeGreaterThan(curve.at(-1)!.lmi);
    const volumes = curve.map((p) => p.invocations);
    expect([...volumes].sort((a, b) => a - b)).toEqual(volumes);
    for (const p of curve) {
      const c = compareCosts({ ...costInput, invocations: p.invocations });
      expect([p.standard, p.lmi]).toEqual([c.standard.total, c.lmi.total]);
    }
  });

  it('ends axes on round values', () => {
    expect([niceCeiling(0), niceCeiling(1331), niceCeiling(95), niceCeiling(120), niceCeiling(0.7)]).toEqual([
      1, 1500, 100, 120, 0.8,
    ]);
  });
});
