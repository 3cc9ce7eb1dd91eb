import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics served at /metrics. One registry per process (tests create their own). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'conveyor_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'conveyor_http_request_duration_seconds',
      help: 'HTTP request duration by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    graphqlDuration: new Histogram({
      name: 'conveyor_graphql_operation_duration_seconds',
      help: 'GraphQL operation duration by operation name, type and outcome',
      labelNames: ['operation', 'type', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    jobsTotal: new Counter({
      name: 'conveyor_jobs_total',
      help: 'Background jobs run, by job name and outcome',
      labelNames: ['job', 'outcome'] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'conveyor_job_duration_seconds',
      help: 'Background job duration by job name',
      labelNames: ['job'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
    providerCalls: new Counter({
      name: 'conveyor_provider_calls_total',
      help: 'HTTP calls to Unleashed and CartonCloud by provider and status',
      labelNames: ['provider', 'status'] as const,
      registers: [registry],
    }),
    shipmentsTotal: new Counter({
      name: 'conveyor_shipments_total',
      help: 'Sales shipments handled, by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
