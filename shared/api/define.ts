/**
 * Building blocks of the API contract. A method is an input schema, an output schema and a
 * sentence of documentation; an event is a payload schema. Everything else (handlers, transports,
 * the renderer's client) is typed from these declarations.
 */
import type { z } from 'zod'

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** What the method does, for people reading the contract. */
  summary: string
  input: I
  output: O
  /** The method only makes sense inside a resident session (the core refuses it otherwise). */
  session?: 'required' | 'none'
}

/** Declares one API method; the identity function keeps the literal types for inference. */
export const defineMethod = <I extends z.ZodType, O extends z.ZodType>(
  spec: MethodSpec<I, O>,
): MethodSpec<I, O> => spec

/** Declares one event's payload schema with its documentation. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  summary: string
  payload: P
}
export const defineEvent = <P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> => spec
