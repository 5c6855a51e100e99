/** A circuit breaker per destination whose state every concurrent connector instance shares. */
export { MalformedCircuitItemError } from './circuit-record';
export type { CircuitStateName } from './circuit-state';
export {
  CircuitStateUnavailableError,
  createSharedCircuitBreaker,
  type CircuitAdmission,
  type CircuitPass,
  type SharedCircuitBreaker,
  type SharedCircuitBreakerOptions,
} from './shared-circuit-breaker';
