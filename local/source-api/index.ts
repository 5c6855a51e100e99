/** Fake vendor read APIs for completing partial records in local mode and tests. */
export { startFakeSourceApi, type FakeSourceApi } from './fake-source-api';
export { seedSourceApi } from './seed-records';
