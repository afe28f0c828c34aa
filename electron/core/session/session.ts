/**
 * The resident session and its idle timeout. The renderer runs the visible idle countdown;
 * the core keeps its own deadline as a backstop, so a renderer that hangs or vanishes cannot leave
 * a session (and the personal data it holds) open. Modules that keep per-session data register a
 * wipe with `onEnd`; ending a session runs every wipe before `session.ended` is announced.
 */
import { randomUUID } from 'node:crypto'
import type { SessionEndReason, SessionInfo } from '../../../shared/api'

export interface SessionTimingOptions {
  idleSeconds: number
  warningSeconds: number
  elderFactor: number
  /** Slack for the renderer's own timers and transport delays before the core steps in. */
  graceSeconds?: number
}

export interface ActiveSession {
  id: string
  startedAt: Date
  lastActivity: Date
  elder: boolean
}

export interface SessionEndedInfo {
  sessionId: string
  reason: SessionEndReason
  at: Date
}

export interface SessionManager {
  current(): ActiveSession | null
  start(options: { elder?: boolean }): SessionInfo
  /** Records activity; returns null when `sessionId` is not the current session. */
  touch(sessionId: string): SessionInfo | null
  /** Ends the current session (if it matches `sessionId` when given). */
  end(reason: SessionEndReason, sessionId?: string): boolean
  /** Registers a wipe that runs at every session end; returns its unregister function. */
  onEnd(listener: (info: SessionEndedInfo) => void): () => void
  dispose(): void
}

export function createSessionManager(
  timing: SessionTimingOptions,
  clock: () => Date,
  onError: (err: unknown) => void,
): SessionManager {
  let active: ActiveSession | null = null
  let timer: NodeJS.Timeout | null = null
  const endListeners = new Set<(info: SessionEndedInfo) => void>()

  const budgetMs = (s: ActiveSession) =>
    (timing.idleSeconds * (s.elder ? timing.elderFactor : 1) +
      timing.warningSeconds +
      (timing.graceSeconds ?? 15)) *
    1000

  const info = (s: ActiveSession): SessionInfo => ({
    sessionId: s.id,
    startedAt: s.startedAt.toISOString(),
    expiresAt: new Date(s.lastActivity.getTime() + budgetMs(s)).toISOString(),
  })

  const arm = () => {
    if (timer) clearTimeout(timer)
    timer = null
    if (!active) return
    const s = active
    const due = s.lastActivity.getTime() + budgetMs(s) - clock().getTime()
    timer = setTimeout(
      () => {
        if (active === s) end('timeout', s.id)
      },
      Math.max(0, due),
    )
    timer.unref?.()
  }

  function end(reason: SessionEndReason, sessionId?: string): boolean {
    if (!active || (sessionId !== undefined && sessionId !== active.id)) return false
    const ended: SessionEndedInfo = { sessionId: active.id, reason, at: clock() }
    active = null
    arm()
    for (const listener of [...endListeners]) {
      try {
        listener(ended)
      } catch (err) {
        onError(err)
      }
    }
    return true
  }

  return {
    current: () => active,
    start({ elder }) {
      if (active) end('replaced')
      const now = clock()
      active = { id: randomUUID(), startedAt: now, lastActivity: now, elder: elder ?? false }
      arm()
      return info(active)
    },
    touch(sessionId) {
      if (!active || active.id !== sessionId) return null
      active.lastActivity = clock()
      arm()
      return info(active)
    },
    end,
    onEnd(listener) {
      endListeners.add(listener)
      return () => {
        endListeners.delete(listener)
      }
    },
    dispose() {
      if (timer) clearTimeout(timer)
      timer = null
      endListeners.clear()
      active = null
    },
  }
}
