/** Fake vendor APIs for completing partial records, reconciliation and subscriptions in local mode and tests. */
export { startFakeSourceApi, type FakeSourceApi } from './fake-source-api';
export type { ListedEntry } from './list-answers';
export { seedSourceApi } from './seed-records';
export { SUBSCRIPTION_LIFETIME_MS, type FakeSubscription } from './subscriptions';
