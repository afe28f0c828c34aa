// The local store's public surface: the core imports from here.
export {
  defaultWasmPath,
  openStore,
  StoreError,
  type Clock,
  type OpenStoreOptions,
  type SqlParam,
  type SqlParams,
  type Statement,
  type Store,
  type StoreErrorCode,
  type StoreIssue,
  type StoreReader,
  type StoreStats,
  type WriteOptions,
  type WritePlan,
  type WriteResult,
} from './store'
export * from './outbox'
export * from './audit'
export * from './receipt-journal'
export { fingerprintOf } from './fingerprint'
export { migrations, type Migration } from './migrations'
export * from './audit-acknowledged'
