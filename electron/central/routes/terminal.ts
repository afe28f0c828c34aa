/**
 * The terminals' heartbeat: the last health report of each terminal, and the watch on its audit
 * hash chain (audit-chain.ts), whose links are checked and dropped; only the head and any finding
 * are kept.
 */
import type { CentralContext, Handlers } from '../context'
import { logAuditChainFlag, observeAuditChain } from '../audit-chain'

const HEARTBEAT_SECONDS = 60

export function terminalHandlers(ctx: CentralContext): Handlers<'terminalHeartbeat'> {
  return {
    async terminalHeartbeat(req, { audit, ...health }) {
      const st = ctx.state()
      st.heartbeats[req.terminalId] = { at: req.now.toISOString(), health }
      const verdict = audit
        ? observeAuditChain(
            st,
            req.terminalId,
            audit,
            req.now,
            ctx.options.onAuditChainFlag ?? logAuditChainFlag,
          )
        : undefined
      return {
        serverTime: req.now.toISOString(),
        nextHeartbeatSeconds: HEARTBEAT_SECONDS,
        ...(verdict ? { audit: verdict } : {}),
      }
    },
  }
}
