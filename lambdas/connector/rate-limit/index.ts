/** A send rate per destination that every concurrent connector instance shares, lowered by 429s and recovering. */
export { MalformedBucketItemError } from './bucket-record';
export {
  createSharedRateLimiter,
  RateStateUnavailableError,
  type RateGrant,
  type SharedRateLimiter,
  type SharedRateLimiterOptions,
} from './shared-rate-limiter';
