/**
 * `session.*`: a resident's visit, from first touch to finish or timeout (after an idle
 * countdown). Personal data lives only inside a session and is wiped when it ends.
 */
import { z } from 'zod'
import { defineEvent, defineMethod } from '../define'

export const SessionId = z.string().min(8).max(64)

export const SessionEndReason = z.enum([
  /** The resident pressed "finish". */
  'finish',
  /** Idle timeout, after the countdown dialog went unanswered. */
  'timeout',
  /** The renderer crashed, hung or lost its host and was reloaded. */
  'recovery',
  /** A new session started while one was still open (a stale renderer). */
  'replaced',
  /** Too many failed identity attempts. */
  'identityFailures',
  /** Staff ended it (out of service, restart). */
  'staff',
])
export type SessionEndReason = z.infer<typeof SessionEndReason>

export const SessionInfo = z.object({
  sessionId: SessionId,
  startedAt: z.string(),
  /** The core ends the session by itself if nothing is heard from the renderer until then. */
  expiresAt: z.string(),
})
export type SessionInfo = z.infer<typeof SessionInfo>

export const sessionMethods = {
  'session.start': defineMethod({
    summary: 'Starts a resident session (first touch on the attract screen).',
    input: z.object({ elder: z.boolean().optional() }).strict(),
    output: SessionInfo,
  }),
  'session.extend': defineMethod({
    summary: 'Keeps the session alive (activity, or "continue" in the countdown dialog).',
    input: z.object({ sessionId: SessionId }).strict(),
    output: SessionInfo,
    session: 'required',
  }),
  'session.end': defineMethod({
    summary: 'Ends the session and wipes everything personal it held.',
    input: z.object({ sessionId: SessionId.optional(), reason: SessionEndReason }).strict(),
    output: z.object({ ended: z.boolean() }),
  }),
}

export const sessionEvents = {
  'session.ended': defineEvent({
    summary: 'A session ended (any reason); every screen and store must reset.',
    payload: z.object({ sessionId: SessionId, reason: SessionEndReason, at: z.string() }),
  }),
}
