/** The version guard: a subject's state at a destination never goes backwards, and each change is applied once. */
export {
  decideClaim,
  isAfter,
  isLive,
  type ChangePosition,
  type ClaimOutcome,
  type ClaimRequest,
  type ConfirmOutcome,
  type VersionLease,
  type VersionRecord,
} from './claim-decision';
export {
  createVersionGuard,
  VersionGuardError,
  type VersionGuard,
  type VersionGuardOptions,
} from './dynamodb-version-guard';
export { inventoryKey, orderedChange, type OrderedChange } from './version-key';
export { VERSION_ATTRIBUTES, versionPartition, versionRecordFrom } from './version-record';
