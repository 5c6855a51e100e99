import { loadStageConfig } from '../../config/load';
import type { InterchangeConfig } from '../../config/schema';
import { destinationSchema } from '../../config/schema';
import { ROUTABLE_EVENT_TYPES } from '../../config/schema';

/** The highest send rate a destination may be configured with, read from the configuration's own schema. */
function maximumRequestsPerSecond(): number {
  const limit = destinationSchema.shape.requestsPerSecond.unwrap().maxValue;
  if (limit === null || !Number.isFinite(limit)) throw new Error('destination requestsPerSecond has no maximum');
  return limit;
}

/**
 * The routing a run delivers by: the dev config's own routes (an order to four destinations), or every canonical
 * event to one or to two destinations that take events as they are (CloudEvents receivers keeping each subject's
 * latest state), the basis of DESIGN.md's cost target.
 */
export const ROUTE_MIXES = ['dev-routes', 'one-destination', 'two-destinations'] as const;
export type RouteMix = (typeof ROUTE_MIXES)[number];

const RECEIVERS: Readonly<Record<Exclude<RouteMix, 'dev-routes'>, readonly string[]>> = {
  'one-destination': ['receiver-1'],
  'two-destinations': ['receiver-1', 'receiver-2'],
};

/**
 * The dev topology with every destination's send-rate ceiling at the configuration's maximum: the benchmark
 * measures the pipeline, not the vendors' configured limits (at 2 requests/s the storefront alone would need
 * six minutes for its share of 10,000 events). Concurrency caps, batch sizes, routes and everything else stay as
 * configured. Another route mix keeps only the destinations it routes to, so no idle queue is polled.
 */
export function benchConfig(mix: RouteMix = 'dev-routes'): InterchangeConfig {
  const config = loadStageConfig('dev');
  const requestsPerSecond = maximumRequestsPerSecond();
  if (mix === 'dev-routes') {
    return {
      ...config,
      destinations: config.destinations.map((destination) => ({ ...destination, requestsPerSecond })),
    };
  }
  const receivers = RECEIVERS[mix];
  return {
    ...config,
    destinations: receivers.map((name) =>
      destinationSchema.parse({ name, baseUrl: `https://${name}.example.com/events`, requestsPerSecond }),
    ),
    routes: Object.fromEntries(ROUTABLE_EVENT_TYPES.map((type) => [type, [...receivers]])),
  };
}
