// `npm run bench:workload`: how much time the webhook handler adds on top of its slowest
// downstream call, at 1, 16 and 64 concurrent requests in one environment (64 is the LMI
// default PerExecutionEnvironmentMaxConcurrency for Node.js).
//
// The production module (workload/src/app.ts) runs unmodified: DynamoDB is dynalite in a
// worker thread (its own event loop, as a remote service would be), SSM a loopback fake.
// Logs and EMF metrics are formatted as in Lambda but their bytes are discarded. Per request:
//   overhead = end-to-end handler time - the slowest enrichment call's latency
// which covers signature check, validation, the event write to DynamoDB (the delivery claim
// runs during the enrichment calls), logging and metrics. The event write is timed too, so
// the table also shows the handler's own share: overhead minus that write.
//
// At a fixed concurrency the request rate is concurrency / latency, so the real delays
// (--delay-scale 1, the default) are what makes "64 concurrent" mean LMI's load; shorter
// delays multiply the rate and measure a different, CPU-saturated regime.
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { build as buildHistogram, type Histogram } from 'hdr-histogram-js';
import { DEFAULT_SIMULATED_DELAY_MS } from '../workload/src/config.js';
import { EventsStore } from '../workload/src/events-store.js';
import { startFakeSsm } from '../workload/src/__tests__/helpers/fake-ssm.js';
import { TEST_SECRET, lambdaContext, signedWebhook } from '../workload/src/__tests__/helpers/requests.js';

const { values: args } = parseArgs({
  options: {
    'delay-scale': { type: 'string', default: '1' },
    requests: { type: 'string', default: '640' },
    levels: { type: 'string', default: '1,16,64' },
  },
});
const delayScale = Number(args['delay-scale']);
const requestsPerLevel = Number(args.requests);
const LEVELS = String(args.levels).split(',').map(Number);
if (!(delayScale > 0) || !(requestsPerLevel >= 100) || !LEVELS.every((l) => Number.isInteger(l) && l > 0)) {
  throw new Error(
    'usage: bench:workload [--delay-scale <number > 0>] [--requests <number >= 100>] [--levels 1,16,64]',
  );
}

async function startDynaliteWorker(): Promise<{ endpoint: string; stop: () => Promise<number> }> {
  const dynalitePath = createRequire(import.meta.url).resolve('dynalite');
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const server = require(${JSON.stringify(dynalitePath)})({ createTableMs: 0 });
     server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));`,
    { eval: true },
  );
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => worker.terminate() };
}

const dynamo = await startDynaliteWorker();
const ssm = await startFakeSsm({ name: '/bench/webhook-secret', value: TEST_SECRET });
const tableName = 'bench-events';
const setup = new DynamoDBClient({
  endpoint: dynamo.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
});
await setup.send(
  new CreateTableCommand({
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
  }),
);
setup.destroy();

Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  AWS_ENDPOINT_URL_SSM: ssm.endpoint,
  AWS_LAMBDA_MAX_CONCURRENCY: '64',
  COMPUTE_TYPE: 'lambda-managed-instances',
  EVENTS_TABLE_NAME: tableName,
  SIGNING_SECRET_PARAMETER: '/bench/webhook-secret',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  GEOCODING_DELAY_MS: String(Math.round(DEFAULT_SIMULATED_DELAY_MS.geocoding * delayScale)),
  FRAUD_SCORING_DELAY_MS: String(Math.round(DEFAULT_SIMULATED_DELAY_MS.fraud_scoring * delayScale)),
  LOYALTY_LOOKUP_DELAY_MS: String(Math.round(DEFAULT_SIMULATED_DELAY_MS.loyalty_lookup * delayScale)),
});

// Lambda ships stdout to CloudWatch asynchronously; here the bytes are counted and dropped.
const realWrite = process.stdout.write.bind(process.stdout);
let discardedBytes = 0;
const muteStdout = () => {
  process.stdout.write = ((chunk: string | Uint8Array) => {
    discardedBytes += chunk.length;
    return true;
  }) as typeof process.stdout.write;
};
const unmuteStdout = () => {
  process.stdout.write = realWrite;
};

// Time each request's event write (keyed by request id) without touching the handler.
const writeMs = new Map<string, number>();
const store = EventsStore.prototype.store;
EventsStore.prototype.store = async function timedStore(
  this: EventsStore,
  ...args: Parameters<typeof store>
) {
  const started = performance.now();
  try {
    return await store.apply(this, args);
  } finally {
    writeMs.set(args[1].requestId, performance.now() - started);
  }
};

muteStdout();
const { handler } = await import('../workload/src/app.js');
unmuteStdout();

interface Sample {
  totalMs: number;
  slowestMs: number;
  writeMs: number;
}

async function invokeOnce(): Promise<Sample> {
  const event = signedWebhook(); // signing is the sender's work: done before the clock starts
  const context = lambdaContext();
  const started = performance.now();
  const result = await handler(event, context);
  const totalMs = performance.now() - started;
  if (result.statusCode !== 201) throw new Error(`unexpected ${result.statusCode}: ${result.body}`);
  const { enrichment } = JSON.parse(result.body) as { enrichment: Record<string, { latency_ms: number }> };
  const slowestMs = Math.max(...Object.values(enrichment).map((o) => o.latency_ms));
  const write = writeMs.get(context.awsRequestId) ?? NaN;
  writeMs.delete(context.awsRequestId);
  return { totalMs, slowestMs, writeMs: write };
}

/** `concurrency` loops, each sending its next request as soon as the last one is answered. */
async function runLevel(concurrency: number, count: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  let remaining = count;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (remaining > 0) {
        remaining--;
        samples.push(await invokeOnce());
      }
    }),
  );
  return samples;
}

const histogram = (): Histogram =>
  buildHistogram({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
const ms = (us: number) => (us / 1000).toFixed(2);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

console.log(
  `webhook handler overhead above the slowest downstream call\n` +
    `simulated delays ${process.env.GEOCODING_DELAY_MS}/${process.env.FRAUD_SCORING_DELAY_MS}/` +
    `${process.env.LOYALTY_LOOKUP_DELAY_MS} ms (x${delayScale}), dynalite in a worker thread, ` +
    `measured after a warm-up, load average ${loadavg()[0]!.toFixed(1)}\n`,
);
const header = [
  'concurrency',
  'requests',
  'slowest call p50',
  'overhead p50',
  'overhead p99',
  'ratio p50',
  'ratio p99',
  'event write p50',
  'own p50',
  'own p99',
  'event loop busy',
];
console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- |').join('')}`);
const results: Record<number, { p50: number; p99: number; ownP50: number; ownP99: number }> = {};
for (const concurrency of LEVELS) {
  muteStdout();
  await runLevel(concurrency, Math.max(50, concurrency * 4)); // warm-up: sockets, JIT, caches
  const elu = performance.eventLoopUtilization();
  // Alone, each request takes the full slowest call: fewer samples keep the run short.
  const count = concurrency === 1 ? Math.max(100, Math.round(requestsPerLevel / 4)) : requestsPerLevel;
  const samples = await runLevel(concurrency, count);
  const busy = performance.eventLoopUtilization(elu).utilization;
  unmuteStdout();
  const [overhead, ratio, slowest, write, own] = [
    histogram(),
    histogram(),
    histogram(),
    histogram(),
    histogram(),
  ];
  for (const s of samples) {
    const over = Math.max(0, s.totalMs - s.slowestMs);
    overhead.recordValue(Math.round(over * 1000));
    ratio.recordValue(Math.round((over / s.slowestMs) * 1_000_000)); // parts per million
    slowest.recordValue(Math.round(s.slowestMs * 1000));
    write.recordValue(Math.round(s.writeMs * 1000));
    own.recordValue(Math.round(Math.max(0, over - s.writeMs) * 1000));
  }
  const p = (h: Histogram, q: number) => h.getValueAtPercentile(q);
  results[concurrency] = {
    p50: p(overhead, 50),
    p99: p(overhead, 99),
    ownP50: p(own, 50),
    ownP99: p(own, 99),
  };
  const row = [
    String(concurrency),
    String(count),
    `${ms(p(slowest, 50))} ms`,
    `${ms(p(overhead, 50))} ms`,
    `${ms(p(overhead, 99))} ms`,
    pct(p(ratio, 50) / 1e6),
    pct(p(ratio, 99) / 1e6),
    `${ms(p(write, 50))} ms`,
    `${ms(p(own, 50))} ms`,
    `${ms(p(own, 99))} ms`,
    pct(busy),
  ];
  console.log(`| ${row.join(' | ')} |`);
}

const at64 = results[64];
if (at64) {
  const verdict = (value: number, limitMs: number) => (value <= limitMs * 1000 ? 'met' : 'MISSED');
  console.log(
    `\ngoal at 64 concurrent: median overhead <= 2 ms: ${verdict(at64.p50, 2)} ` +
      `(own share: ${verdict(at64.ownP50, 2)}), p99 <= 10 ms: ${verdict(at64.p99, 10)} ` +
      `(own share: ${verdict(at64.ownP99, 10)})`,
  );
}
console.log(`log + EMF output discarded: ${(discardedBytes / 1024 / 1024).toFixed(1)} MiB`);

await ssm.close();
await dynamo.stop();
process.exit(0); // the SDK's keep-alive sockets would otherwise hold the process open
