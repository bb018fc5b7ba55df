// Load generator for api-ingest.bench.ts, run in a worker thread so the client's HTTP work does not share the
// server's event loop. Plain JavaScript: worker threads do not inherit the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';

const { url, bodies, concurrency } = workerData;
const latencies = [];
let next = 0;
let failed = null;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < bodies.length && failed === null) {
      const body = bodies[next++];
      const t = performance.now();
      const res = await fetch(url, { method: 'POST', body });
      await res.arrayBuffer();
      if (res.status !== 201) failed = `unexpected status ${res.status}`;
      latencies.push(performance.now() - t);
    }
  }),
);
parentPort.postMessage({ failed, latencies, seconds: (performance.now() - started) / 1000 });
