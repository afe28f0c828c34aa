/**
 * What every part of the central service is handed instead of closing over the server's locals: the
 * options, the state, the lock, the clock, the terminals' keys and the demo seed. Built once per
 * server by `createCentralContext`; the route modules take it as their only argument.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type {
  CentralEndpointName,
  CentralParsedRequest,
  CentralResponse,
} from '../../shared/central'
import type { AuditChainFlag } from './audit-chain'
import { buildDemoSeed, type SeedResident, type SeedWallet } from './seed'
import { StateFile, initialState, type CentralState } from './state'

export interface CentralServerOptions {
  /** Where the state lives; created on first start. */
  stateFile: string
  /** The terminals allowed to call, each with its HMAC key. */
  terminalKeys: Record<string, string>
  /** Demo mode: serves GET /demo/sms/{phone}. */
  demo: boolean
  /** Injected clock (tests move time). */
  clock?: () => Date
  /** 0 or absent: an ephemeral port. Always bound to 127.0.0.1. */
  port?: number
  /**
   * How long a bind stays `pending` (and an unbind `unbinding`) before it settles; 0 (default)
   * settles at once. Lets tests exercise the one-in-flight rule.
   */
  bindSettleMs?: number
  /**
   * SMS codes one phone may be sent per hour (default `SMS_MAX_PER_HOUR`). End-to-end suites sign
   * the same demo residents in many times; they raise it rather than wait an hour.
   */
  smsMaxPerHour?: number
  /** Hears each gap or rewind found in a terminal's audit chain (default: a JSON line on stderr). */
  onAuditChainFlag?: (terminalId: string, flag: AuditChainFlag) => void
}

/** The demo seed, indexed the ways the routes look it up. */
export interface SeedIndex {
  byId: ReadonlyMap<string, SeedResident>
  byRef: ReadonlyMap<string, SeedResident>
  wallets: ReadonlyMap<string, SeedWallet>
}

export interface CentralContext {
  readonly options: CentralServerOptions
  readonly seed: SeedIndex
  /** The live state; throws before `load()`. */
  state(): CentralState
  /** Loads the state file (or the seed's initial state) and writes it back. */
  load(): Promise<void>
  /** Writes the state; resolves once it is on disk. */
  save(): Promise<void>
  /** Waits for the last task under the lock and the last write. */
  settle(): Promise<void>
  /** Runs `task` alone: check-then-apply on idempotency keys and nonces must not interleave. */
  exclusive<T>(task: () => Promise<T>): Promise<T>
  clock(): Date
  /** The HMAC key of a known terminal; undefined for any other name (`__proto__` included). */
  keyFor(terminalId: string): string | undefined
  /**
   * The phone on file: the last change, else the seed's. Every code and every notice finds the
   * phone here, so after a change nothing goes to the old number.
   */
  phoneOf(resident: SeedResident): string
  /** {@link phoneOf} by resident ref; undefined for a ref the seed does not know. */
  phoneOfRef(residentRef: string): string | undefined
}

/** Builds the context of one server. Nothing is read from disk until `load()`. */
export function createCentralContext(options: CentralServerOptions): CentralContext {
  const demo = buildDemoSeed()
  const file = new StateFile(options.stateFile)
  let state: CentralState | undefined
  let lock: Promise<unknown> = Promise.resolve()
  const context: CentralContext = {
    options,
    seed: {
      byId: new Map(demo.residents.map((r) => [r.idNumber, r])),
      byRef: new Map(demo.residents.map((r) => [r.residentRef, r])),
      wallets: new Map(demo.wallets.map((w) => [w.walletId, w])),
    },
    state() {
      if (!state) throw new Error('central server not started')
      return state
    },
    async load() {
      state = (await file.load()) ?? initialState(demo)
      await file.save(state)
    },
    save: () => file.save(context.state()),
    async settle() {
      await lock.catch(() => undefined)
      await file.flush()
    },
    exclusive(task) {
      const run = lock.then(task, task)
      lock = run.catch(() => undefined)
      return run
    },
    clock: options.clock ?? (() => new Date()),
    phoneOf: (resident) => context.state().phones[resident.residentRef] ?? resident.phone,
    phoneOfRef(residentRef) {
      const resident = context.seed.byRef.get(residentRef)
      return resident ? context.phoneOf(resident) : undefined
    },
    keyFor(terminalId) {
      return Object.prototype.hasOwnProperty.call(options.terminalKeys, terminalId)
        ? options.terminalKeys[terminalId]
        : undefined
    },
  }
  return context
}

/** What one verified request hands its handler. */
export interface RequestContext {
  terminalId: string
  now: Date
  request: FastifyRequest
  reply: FastifyReply
  /** The signed-in resident behind the request's resident token (throws 401 without one). */
  resident: () => SeedResident
}

/** The handlers of some endpoints of the contract, each typed by its request and answer. */
export type Handlers<N extends CentralEndpointName = CentralEndpointName> = {
  [K in N]: (ctx: RequestContext, input: CentralParsedRequest<K>) => Promise<CentralResponse<K>>
}
