/** Terminal heartbeat: the terminal's health as the centre's monitoring sees it. */
import { z } from 'zod'
import { IsoDateTime, Sha256Hex } from './primitives'

/** At most this many audit chain links ride on one heartbeat (the rest follow on the next). */
export const MAX_AUDIT_LINKS = 200

/** One entry of the terminal's audit hash chain, as far as continuity needs it: no content. */
export const AuditLink = z.object({
  seq: z.number().int().positive().safe(),
  prevHash: Sha256Hex,
  hash: Sha256Hex,
})
export type AuditLink = z.infer<typeof AuditLink>

/**
 * Where the terminal's audit chain stands (docs/audit.md): its newest entry,
 * and the links after the head the centre last acknowledged, oldest first, so the centre can see
 * that each one follows the last it holds. `seq` 0 with the all-zero hash is an empty chain.
 */
export const AuditChainReport = z.object({
  head: z.object({ seq: z.number().int().nonnegative().safe(), hash: Sha256Hex }),
  links: z.array(AuditLink).max(MAX_AUDIT_LINKS),
})
export type AuditChainReport = z.infer<typeof AuditChainReport>

/**
 * What the centre found: `ok`, a `gap` (entries it never saw are missing: a link does not follow
 * the last one it holds), or a `rewind` (the chain is shorter than, or differs from, what it
 * already acknowledged). `acknowledged` is the head it holds from now on; the terminal keeps it to
 * notice at start that its newest entries were removed.
 */
export const AuditChainVerdict = z.object({
  status: z.enum(['ok', 'gap', 'rewind']),
  acknowledged: z.object({ seq: z.number().int().nonnegative().safe(), hash: Sha256Hex }),
})
export type AuditChainVerdict = z.infer<typeof AuditChainVerdict>

export const HeartbeatRequest = z.object({
  appVersion: z.string().max(64),
  startedAt: IsoDateTime,
  uptimeSeconds: z.number().int().nonnegative(),
  mode: z.enum(['demo', 'production']),
  /** Outbox items not yet acknowledged by the centre. */
  outboxPending: z.number().int().nonnegative(),
  /** Items permanently rejected and waiting for staff. */
  outboxRejected: z.number().int().nonnegative().optional(),
  lastSyncAt: IsoDateTime.optional(),
  referenceCursor: z.string().max(256).optional(),
  devices: z
    .array(
      z.object({ kind: z.string().max(32), state: z.string().max(32), status: z.string().max(32) }),
    )
    .max(16),
  freeDiskBytes: z.number().int().nonnegative().optional(),
  supervisorActive: z.boolean().optional(),
  /** The audit chain's head and the links since the last acknowledged head. */
  audit: AuditChainReport.optional(),
})
export type HeartbeatRequest = z.infer<typeof HeartbeatRequest>

export const HeartbeatResponse = z.object({
  serverTime: IsoDateTime,
  /** When the centre expects the next heartbeat. */
  nextHeartbeatSeconds: z.number().int().positive(),
  /** The centre's verdict on the audit chain, when the heartbeat carried one. */
  audit: AuditChainVerdict.optional(),
})
