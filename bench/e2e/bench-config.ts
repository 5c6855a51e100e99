import { loadStageConfig } from '../../config/load';
import type { InterchangeConfig } from '../../config/schema';
import { destinationSchema } from '../../config/schema';

/** The highest send rate a destination may be configured with, read from the configuration's own schema. */
function maximumRequestsPerSecond(): number {
  const limit = destinationSchema.shape.requestsPerSecond.unwrap().maxValue;
  if (limit === null || !Number.isFinite(limit)) throw new Error('destination requestsPerSecond has no maximum');
  return limit;
}

/**
 * The dev topology with every destination's send-rate ceiling at the configuration's maximum: the benchmark
 * measures the pipeline, not the vendors' configured limits (at 2 requests/s the storefront alone would need
 * six minutes for its share of 10,000 events). Concurrency caps, batch sizes, routes and everything else stay as configured.
 */
export function benchConfig(): InterchangeConfig {
  const config = loadStageConfig('dev');
  const requestsPerSecond = maximumRequestsPerSecond();
  return { ...config, destinations: config.destinations.map((destination) => ({ ...destination, requestsPerSecond })) };
}
