import { describe, expect, it } from '@jest/globals';
import { renderText } from '../../src/report/text.js';
import { deployOnlyReport, fullReport, hugeReport, rollbackFailedReport } from './report.fixture.js';

describe('renderText', () => {
  const text = renderText(fullReport());

  it('says the outcome and the route first', () => {
    const [first, second] = text.split('\n');
    expect(first).toBe('lmi-cutover full: SUCCEEDED  webhook-prod (eu-west-1)');
    expect(second).toBe('route: standard -> lmi');
  });

  it('has no markdown, HTML or mermaid', () => {
    for (const token of ['```', '<details', '**', '| ---', 'xychart', '<!--', '[!'])
      expect(text).not.toContain(token);
  });

  it('carries the same sections as the markdown', () => {
    for (const title of [
      'AWS console',
      'Timeline',
      'Change set (UPDATE_COMPLETE',
      'LMI provisioning',
      'Smoke checks: 3/3 passed',
      'Concurrency check: LMI vs standard twin',
      'Gates',
      'Concurrency sweep',
      'Cutover steps',
      'Route changes',
      'Cost per month at 5,000,000 invocations',
    ]) {
      expect(text).toMatch(new RegExp(`^${title.replace(/[()]/g, '\\$&')}`, 'm'));
    }
    expect(text).toContain('WARNING: 1 resource(s) will be deleted and recreated (replacement)');
    expect(text).toMatch(/32 +180 ms +232 ms .*<- knee/);
    expect(text).toContain('crossover: LMI costs no more from about 36.4M invocations/month');
  });

  it('aligns columns', () => {
    const timeline = text.split('\n\nTimeline\n')[1]!.split('\n\n')[0]!.split('\n');
    const durationEnds = timeline.map((l) => l.indexOf('DURATION') + 'DURATION'.length);
    const header = timeline[0]!;
    const end = header.indexOf('DURATION') + 'DURATION'.length;
    expect(durationEnds[0]).toBe(end);
    // Right-aligned durations end in the header's column.
    expect(timeline[1]!.slice(0, end)).toMatch(/1m12s$/);
    expect(timeline[3]!.slice(0, end)).toMatch(/ 2\.4s$/);
  });

  it('draws latency bars scaled to the slowest figure', () => {
    const max = text.split('\n').find((l) => /max +LMI/.test(l));
    const twinMax = text.split('\n')[text.split('\n').indexOf(max!) + 1];
    expect(twinMax).toMatch(/twin +1\.21 s +#{30}$/);
    expect(max).toMatch(/302 ms +#{7}$/);
  });

  it('leaves out sections without data', () => {
    const t = renderText(deployOnlyReport());
    for (const absent of ['Smoke checks', 'Concurrency', 'Cutover steps', 'Cost per month', 'route:'])
      expect(t).not.toContain(absent);
  });

  it('puts a failed rollback and its manual fix right under the headline', () => {
    const t = renderText(rollbackFailedReport());
    const banner = t.indexOf('!!! ROLLBACK FAILED');
    expect(banner).toBeGreaterThan(0);
    expect(banner).toBeLessThan(t.indexOf('Timeline'));
    expect(t).toContain(
      '    aws apigateway update-stage --region eu-west-1 --rest-api-id a1b2c3d4e5 --stage-name prod --patch-operations op=remove,path=/canarySettings',
    );
    expect(t).toContain('the rollback itself FAILED');
  });

  it('says the function counted the peak in flight, per worker thread where LMI ran several', () => {
    const t = renderText(fullReport());
    expect(t).toContain(
      "  LMI   >=32, counted by the function per worker thread (the busiest one's count)\n",
    );
    expect(t).toContain('  twin  1, counted by the function\n');
    expect(t).not.toContain('estimated');
  });

  it('calls an estimated peak in flight an estimate, and never above 1 for standard Lambda', () => {
    const r = fullReport();
    r.load!.lmi.peakInFlightSource = 'client-estimate';
    r.load!.standard!.peakInFlightSource = 'client-estimate';
    r.load!.standard!.peakInFlightPerEnvironment = 2;
    const t = renderText(r);
    expect(t).toContain('  LMI   ~32, estimated from client-side timing\n');
    expect(t).toContain(
      '  twin  1, as standard Lambda guarantees (client-side timing showed ~2: overlap, not concurrency)\n',
    );
    expect(t).not.toMatch(/peak 2|~2 in flight/);
  });

  it('has no peak lines when the app does not report its environment', () => {
    const r = fullReport();
    for (const side of [r.load!.lmi, r.load!.standard!]) delete side.environments;
    expect(renderText(r)).not.toContain('peak in flight');
  });

  it('cuts long lists at maxRows and says how many were left out', () => {
    const t = renderText(hugeReport(500, 120), { maxRows: 20 });
    expect(t).toContain('... 480 more resource changes (see the JSON report)');
    expect(t).toContain('... 100 more steps (see the JSON report)');
    expect(t.split('\n').length).toBeLessThan(250);
  });
});
