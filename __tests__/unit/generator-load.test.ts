// When the load generator marks a burst as limited by itself: a busy event loop or the cores
// taken, judged only on bursts long enough to tell.
import { describe, expect, it } from '@jest/globals';
import {
  generatorLimited,
  startLoadMeter,
  type GeneratorLoad,
} from '../../src/pipeline/verify/load/generator-load.js';

const load = (over: Partial<GeneratorLoad>): GeneratorLoad => ({
  eventLoopBusy: 0.4,
  cpuMsPerRequest: 0.2,
  coresUsed: 0.5,
  cores: 2,
  senders: 2,
  requests: 2000,
  wallMs: 5000,
  ...over,
});

describe('generatorLimited', () => {
  it('says nothing when the generator kept up', () => {
    expect(generatorLimited(load({}))).toBeUndefined();
  });

  it('names a busy event loop, with the figures', () => {
    expect(generatorLimited(load({ eventLoopBusy: 0.954, cpuMsPerRequest: 0.41234 }))).toEqual({
      eventLoopBusy: 0.95,
      cpuMsPerRequest: 0.412,
      reason:
        "the load generator's busiest event loop was busy 95 % of the burst: latencies include its own queue",
    });
  });

  it('names the cores when the generator took nearly all of them', () => {
    expect(generatorLimited(load({ coresUsed: 1.9 }))?.reason).toBe(
      'the load generator used 1.9 of 2 cores (0.2 ms CPU per request): latencies include waits for a CPU',
    );
    expect(generatorLimited(load({ coresUsed: 1.7 }))).toBeUndefined();
  });

  it('names a loop that ran late against the median latency: answers waited to be read', () => {
    expect(generatorLimited(load({ eventLoopDelayMs: 101.84 }), 314.4)).toEqual({
      eventLoopBusy: 0.4,
      cpuMsPerRequest: 0.2,
      eventLoopDelayMs: 101.8,
      reason:
        "the load generator's event loop ran up to 102 ms late (p99), against a median latency of 314 ms: answers that arrived together waited to be read, and latencies include that queue",
    });
    // Under a tenth of the median, or under 10 ms, it did not move the figures.
    expect(generatorLimited(load({ eventLoopDelayMs: 25 }), 300)).toBeUndefined();
    expect(generatorLimited(load({ eventLoopDelayMs: 9 }), 50)).toBeUndefined();
    expect(generatorLimited(load({ eventLoopDelayMs: 11 }), 50)?.eventLoopDelayMs).toBe(11);
    // Without the burst's median there is nothing to weigh it against.
    expect(generatorLimited(load({ eventLoopDelayMs: 500 }))).toBeUndefined();
  });

  it('does not judge a burst too short to tell', () => {
    expect(generatorLimited(load({ eventLoopBusy: 1, wallMs: 400 }))).toBeUndefined();
    expect(generatorLimited(load({ eventLoopBusy: 1, requests: 40 }))).toBeUndefined();
  });
});

describe('startLoadMeter', () => {
  it("measures this thread's busy loop and the process's CPU per request", async () => {
    const meter = startLoadMeter(2);
    const until = performance.now() + 300;
    while (performance.now() < until) Math.sqrt(Math.random());
    await new Promise((r) => setTimeout(r, 10));
    const figures = meter.stop(100, [0.25]);
    expect(figures.eventLoopBusy).toBeGreaterThan(0.5);
    expect(figures.cpuMsPerRequest).toBeGreaterThan(1);
    expect(figures).toMatchObject({ cores: 2, senders: 1, requests: 100 });
  });
});
