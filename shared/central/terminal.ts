/** Terminal heartbeat: the terminal's health as the centre's monitoring sees it. */
import { z } from 'zod'
import { IsoDateTime } from './primitives'

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
})
export type HeartbeatRequest = z.infer<typeof HeartbeatRequest>

export const HeartbeatResponse = z.object({
  serverTime: IsoDateTime,
  /** When the centre expects the next heartbeat. */
  nextHeartbeatSeconds: z.number().int().positive(),
})
