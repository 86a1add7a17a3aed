// How a sharded check is split and configured: the shares add up to the whole and differ by at
// most one, a check too small to split is refused, and `load-shard` is checked with the inputs
// it depends on (mode verify, an id its shards share, no checks file, no sweep).
import { describe, expect, it } from '@jest/globals';
import { parseConfig, type RawInputs } from '../../src/config/config.js';
import { MAX_LOAD_SHARDS, parseLoadShard } from '../../src/config/load-shard.js';
import { isCutoverError } from '../../src/core/errors.js';
import { evenShare, shardShare } from '../../src/pipeline/verify/shards/split.js';
import { runLoadShard } from '../../src/pipeline/verify/shards/run-shard.js';
import { ReportBuilder } from '../../src/report/builder.js';
import { testContext } from './support.js';

describe('the split of a check over its shards', () => {
  it.each([
    [12, 3],
    [10, 3],
    [1000, 7],
    [5, 5],
    [257, 256],
    [3, 1],
  ])('%i over %i shards: shares add up to the whole and differ by at most one', (total, count) => {
    const shares = Array.from({ length: count }, (_, i) => evenShare(total, { index: i + 1, count }));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
    expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
    // The larger shares go to the first shards: ⌊C/N⌋ + 1 for the first C mod N.
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    expect(shares[0]).toBe(Math.floor(total / count) + (total % count > 0 ? 1 : 0));
  });

  it('splits concurrency and requests alike', () => {
    expect(shardShare({ concurrency: 10, requests: 101 }, { index: 1, count: 3 })).toEqual({
      concurrency: 4,
      requests: 34,
    });
    expect(shardShare({ concurrency: 10, requests: 101 }, { index: 3, count: 3 })).toEqual({
      concurrency: 3,
      requests: 33,
    });
  });

  it('refuses a check a shard would get none of, naming what is short', () => {
    let error: unknown;
    try {
      shardShare({ concurrency: 2, requests: 20 }, { index: 3, count: 3 });
    } catch (e) {
      error = e;
    }
    expect(isCutoverError(error) && error.code).toBe('INVALID_INPUT');
    expect((error as Error).message).toBe(
      'concurrency 2 cannot be split over 3 shards: every shard needs at least one request in flight and one to send. Raise them, or run fewer shards.',
    );
    expect(() => shardShare({ concurrency: 4, requests: 3 }, { index: 1, count: 4 })).toThrow(
      'load-requests 3 cannot be split',
    );
  });
});

describe('a shard’s start', () => {
  it('refuses one more than an hour ahead before any AWS call, and says which stages did not run', async () => {
    const ctx = testContext({ mode: 'verify' });
    const report = new ReportBuilder({ mode: 'verify', stackName: 'webhook-test', clock: ctx.clock });
    const startAt = ctx.clock.now() + 61 * 60_000;
    await expect(
      runLoadShard(ctx, report, { ...ctx.config, loadShard: { index: 1, count: 2, id: 'a', startAt } }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('is more than an hour ahead: a shard would hold its runner idle'),
    });
    expect(report.report.timeline.map((t) => [t.stage, t.outcome])).toEqual([
      ['smoke', 'skipped'],
      ['provision', 'skipped'],
      ['load', 'skipped'],
    ]);
  });
});

describe('load-shard and its inputs', () => {
  const valid: RawInputs = { 'stack-name': 'webhook-test', region: 'eu-west-1', mode: 'verify' };
  const parse = (raw: RawInputs, env: NodeJS.ProcessEnv = {}) => parseConfig({ ...valid, ...raw }, { env });
  const issues = (raw: RawInputs, env: NodeJS.ProcessEnv = {}): string => {
    try {
      parse(raw, env);
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };

  it('reads i/N with the id of the check, given or the workflow run’s', () => {
    expect(parse({ 'load-shard': '2/3', 'load-shard-id': 'nightly-41' }).loadShard).toEqual({
      index: 2,
      count: 3,
      id: 'nightly-41',
    });
    expect(
      parse({ 'load-shard': ' 1 / 4 ' }, { GITHUB_RUN_ID: '8812', GITHUB_RUN_ATTEMPT: '2' }).loadShard,
    ).toEqual({ index: 1, count: 4, id: '8812-2' });
    const plain = parse({});
    expect(plain.loadShard).toBeUndefined();
    expect(plain.shardReportPath).toBe('lmi-cutover-shard.json');
  });

  it.each([
    ['0/3', 'i must be between 1 and N (3)'],
    ['4/3', 'i must be between 1 and N (3)'],
    [
      `1/${MAX_LOAD_SHARDS + 1}`,
      `N must be between 1 and ${MAX_LOAD_SHARDS} (a matrix runs at most that many jobs)`,
    ],
    ['1/0', `N must be between 1 and ${MAX_LOAD_SHARDS} (a matrix runs at most that many jobs)`],
    ['2 of 3', 'not of the form i/N'],
    ['-1/3', 'not of the form i/N'],
  ])('refuses load-shard %j: %s', (value, reason) => {
    expect(parseLoadShard(value)).toEqual({ problem: reason });
    expect(issues({ 'load-shard': value, 'load-shard-id': 'x' })).toContain(
      `load-shard: ${JSON.stringify(value)} is not i/N: shard i of N, 1 ≤ i ≤ N ≤ 256 (for example 2/4) (${reason})`,
    );
  });

  it('runs only in mode verify, on the bundled webhook, without a sweep, under a shared id', () => {
    expect(issues({ mode: 'full', 'load-shard': '1/2', 'load-shard-id': 'a' })).toContain(
      'load-shard: applies to mode verify (a shard sends its share of the concurrency check and deploys nothing); mode full sends the whole check or none',
    );
    expect(
      issues({ mode: 'merge', 'load-shard': '1/2', 'load-shard-id': 'a', 'shards-path': 's' }),
    ).toContain('mode merge adds the shards up');
    expect(issues({ 'load-shard': '1/2', 'load-shard-id': 'a', checks: 'checks.yaml' })).toContain(
      "load-shard: a sharded check sends the bundled webhook workload's signed webhooks",
    );
    expect(issues({ 'load-shard': '1/2', 'load-shard-id': 'a', 'concurrency-sweep': '8,16' })).toContain(
      'load-shard: the concurrency sweep is not sharded',
    );
    expect(issues({ 'load-shard': '1/2' })).toContain(
      'load-shard-id: required with load-shard outside GitHub Actions',
    );
    expect(issues({ 'load-shard-id': 'a' })).toContain('load-shard-id: applies with load-shard only');
    expect(issues({ 'load-shard': '1/2', 'load-shard-id': 'has space' })).toContain(
      'load-shard-id: "has space" is not an id of letters, digits',
    );
  });

  it('reads the shards’ common start as Unix seconds or an ISO time with its zone', () => {
    const shard = { 'load-shard': '1/2', 'load-shard-id': 'a' };
    expect(parse({ ...shard, 'load-shard-start-at': '1767603600' }).loadShard?.startAt).toBe(1767603600_000);
    expect(parse({ ...shard, 'load-shard-start-at': '2026-01-05T09:00:00Z' }).loadShard?.startAt).toBe(
      Date.UTC(2026, 0, 5, 9),
    );
    expect(parse({ ...shard, 'load-shard-start-at': '2026-01-05T10:00:00+01:00' }).loadShard?.startAt).toBe(
      Date.UTC(2026, 0, 5, 9),
    );
    expect(parse(shard).loadShard?.startAt).toBeUndefined();
    for (const bad of ['2026-01-05 09:00', '2026-01-05T09:00:00', 'soon', '17676036'])
      expect(issues({ ...shard, 'load-shard-start-at': bad })).toContain(
        `load-shard-start-at: ${JSON.stringify(bad)} is not Unix seconds or an ISO 8601 time with its zone`,
      );
    expect(issues({ 'load-shard-start-at': '1767603600' })).toContain(
      'load-shard-start-at: applies with load-shard only',
    );
  });

  it('mode merge needs the shards’ directory, and nothing else reads one', () => {
    expect(parse({ mode: 'merge', 'shards-path': 'shards' })).toMatchObject({
      mode: 'merge',
      shardsPath: 'shards',
    });
    expect(issues({ mode: 'merge' })).toContain(
      'shards-path: mode merge needs the directory of the shard reports',
    );
    expect(issues({ 'shards-path': 'shards' })).toContain(
      'shards-path: applies to mode merge; mode verify reads no shard reports',
    );
    expect(issues({ mode: 'merge', 'shards-path': '../elsewhere' })).toContain(
      'shards-path: "../elsewhere" is not a file path inside the working directory',
    );
  });
});
