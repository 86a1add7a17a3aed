// Run by bench/load.ts in a process of its own: autocannon sends `amount` copies of one request
// (the same signed Invoke every time; the local cloud checks a signature's shape only) with
// `connections` in flight, and prints its latencies and its own CPU and event-loop use as JSON.
import autocannon from 'autocannon';

interface Job {
  readonly url: string;
  readonly connections: number;
  readonly amount: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const job = JSON.parse(process.argv[2]!) as Job;
const run = (amount: number) =>
  autocannon({
    url: job.url,
    method: 'POST',
    connections: job.connections,
    amount,
    pipelining: 1,
    timeout: 60,
    headers: job.headers,
    body: job.body,
  });

await run(Math.max(job.connections, 1000)); // warm-up, as the generator gets one
const cpu = process.cpuUsage();
const loop = performance.eventLoopUtilization();
const result = await run(job.amount);
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    median: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx + result.errors + result.timeouts,
    cpuMs: (used.user + used.system) / 1000,
    eventLoopBusy: performance.eventLoopUtilization(loop).utilization,
  }),
);
