/**
 * Handler types: one function per contract method, receiving the parsed input. The mapped type
 * makes a missing handler a compile error, so the contract and the core cannot drift apart.
 */
import type { MethodName, MethodOutput, MethodParsedInput, Result } from '../../../shared/api'
import type { ActiveSession } from '../session/session'

export interface CallContext {
  /** The session at the time of the call, if any (required when the method says so). */
  session: ActiveSession | null
}

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  ctx: CallContext,
) => Promise<Result<MethodOutput<M>>> | Result<MethodOutput<M>>

export type Handlers = { [M in MethodName]: Handler<M> }

/** A subset of handlers, as each domain module provides them. */
export type HandlerGroup<K extends MethodName> = { [M in K]: Handler<M> }
