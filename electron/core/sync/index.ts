// The sync engine's public surface: the core imports from here.
export * from './sync-engine'
export * from './backoff'
export {
  enabledWalletOperators,
  readCursor,
  businessTypeLabels,
  readReferenceItems,
  referenceReader,
  SYNC_STATE_KEYS,
  type CachedReferenceItem,
  type ReferenceReader,
} from './reference-cache'
export { LOCAL_REJECTION_CODE, BAD_RECEIPT_CODE, type PushReport } from './outbox-push'
