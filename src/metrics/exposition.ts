import { collectDefaultMetrics, Registry } from 'prom-client';

let processMetrics: Registry | undefined;

/**
 * Node's default metrics (CPU, memory, event-loop lag, GC) describe the process, not an app
 * instance, and collecting them starts an event-loop monitor and a GC observer that never stop:
 * one set per process, made at the first scrape, shared by every app instance in it.
 */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

/** An app instance's metrics and the process's, in Prometheus' text format. */
export async function renderMetrics(registry: Registry): Promise<{ contentType: string; text: string }> {
  const merged = Registry.merge([registry, processRegistry()]);
  return { contentType: merged.contentType, text: await merged.metrics() };
}
