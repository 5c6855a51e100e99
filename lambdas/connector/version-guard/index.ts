/** The version guard: a destination's versioned state (a stock level) never goes backwards. */
export {
  decideClaim,
  isLive,
  type ClaimOutcome,
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
export { sendInOrder, type InOrderResult } from './send-in-order';
export { inventoryKey, inventoryVersionKey, type VersionedKey } from './version-key';
export { VERSION_ATTRIBUTES, versionPartition, versionRecordFrom } from './version-record';
