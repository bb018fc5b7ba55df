/** The service's metrics: requests by route and status, request latency, sequencer batch sizes. */
import { Counter, Histogram } from './registry.ts';

export interface ServiceMetrics {
  requests: Counter;
  latency: Histogram;
  batchSize: Histogram;
}

export function createServiceMetrics(): ServiceMetrics {
  return {
    requests: new Counter('provenant_http_requests_total', 'HTTP requests by method, route pattern and status.'),
    latency: new Histogram(
      'provenant_http_request_duration_seconds',
      'HTTP request latency by route pattern.',
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    ),
    batchSize: new Histogram(
      'provenant_sequencer_batch_appends',
      'Appends per committed sequencer batch (group commit).',
      [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    ),
  };
}
