/** Fake downstream systems with failure injection, for tests and local mode; never imported by function code. */
export { startFakeDownstream, type FakeDownstream, type FakeDownstreamOptions } from './fake-downstream';
export { InvalidFaultPlanError, parseFaultPlan, type FaultPlan } from './fault-plan';
export { TOKEN_PATH, type DownstreamAuth } from './downstream-auth';
export { CONTROL_PATH } from './control-api';
export { downstreamApiFor, ShipBobOrders, type DownstreamApi, type ShipBobOrder } from './shipbob-orders';
export type { ReceivedRequest, StateKeyExtractor, TrafficSummary } from './traffic-log';
