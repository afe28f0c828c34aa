/**
 * The central service's mutable state and its file. Seed data (residents, records, tax rows, wallet
 * registry) is regenerated from the seed on every start; what changes (applications, bindings,
 * certificates, the nonce window, idempotency results, SMS codes, resident tokens, reference data) is
 * kept here and written atomically (temp file, fsync, rename, fsync the folder) before an answer
 * leaves the server, so a restart or power loss forgets nothing the centre has acknowledged.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join, basename } from 'node:path'
import type {
  ApplicationKind,
  ApplicationRejectionCode,
  ApplicationStatus,
  CertificateKind,
  DepositFacts,
  FundRecord,
  HeartbeatRequest,
  ReferenceItem,
  ReceiptBody,
  TaxType,
  WalletBindingState,
  WithdrawalPayout,
} from '../../shared/central'
import type { z } from 'zod'
import type { AuditChainRecord } from './audit-chain'
import type { DemoSeed } from './seed'
import { dict } from './dict'

/** A stored application result; the receipt is re-signed on every answer (HMAC is deterministic). */
export type StoredResult =
  | { outcome: 'accepted'; applicationNo: string; notices?: string[]; receipt: ReceiptBody }
  | {
      outcome: 'rejected'
      applicationNo: string
      code: ApplicationRejectionCode
      reason: string
      receipt: ReceiptBody
    }

export interface StoredApplication {
  applicationNo: string
  kind: ApplicationKind
  terminalId: string
  idempotencyKey: string
  residentRef?: string
  status: ApplicationStatus
  code?: ApplicationRejectionCode
  reason?: string
  createdAt: string
  decidedAt?: string
  /** Feedback: when the centre answered the resident. */
  repliedAt?: string
  bindingId?: string
  /** Feedback, callStaff and audit payloads are kept as received. */
  payload?: unknown
  /** A withdrawal: what has been paid into the wallet (a plan: the sum of its instalments). */
  payout?: WithdrawalPayout
}

/** A monthly rent plan (按月提取); one per resident, the latest kept. */
export interface StoredRentPlan {
  residentRef: string
  applicationNo: string
  bindingId: string
  amountFen: number
  state: 'active' | 'stopped'
  /** `YYYY-MM` of the next instalment. */
  nextMonth: string
  paidCount: number
  startedAt: string
  stoppedAt?: string
}

/** What the centre paid out of a resident's account since the seed's history ends. */
export interface StoredLedger {
  /** Oldest first, chained on from the seed's last balance. */
  entries: Array<{ record: FundRecord; purpose: 'rent' | 'retire' }>
  /** Closed by a retirement withdrawal (status 05). */
  closed?: boolean
}

export interface StoredBinding {
  bindingId: string
  residentRef: string
  walletId: string
  operatorCode: string
  walletClass: number
  state: WalletBindingState
  applicationNo?: string
  updatedAt: string
  /** pending → bound, unbinding → unbound at this instant (ms); see bindSettleMs. */
  settleAt?: number
}

/** A tax certificate as the centre keeps it for verification (never its rows). */
export interface StoredTaxCertificate {
  certificateNo: string
  residentRef: string
  kind: z.infer<typeof CertificateKind>
  /** Full name as printed; absent on certificates kept before full names were printed. */
  name?: string
  /** Only on certificates kept before full names were printed. */
  maskedName?: string
  maskedIdNumber: string
  fromPeriod: string
  toPeriod: string
  taxType?: TaxType
  totals: { income: number; taxPaid: number }
  rowCount: number
  issuedAt: string
}

/** A deposit certificate (个人住房公积金缴存证明) as the centre keeps it: its facts as printed. */
export interface StoredDepositCertificate extends DepositFacts {
  kind: 'fundDeposit'
  certificateNo: string
  residentRef: string
  name: string
  maskedName?: undefined
  maskedIdNumber: string
  issuedAt: string
}

export type StoredCertificate = StoredTaxCertificate | StoredDepositCertificate

export interface StoredSms {
  code: string
  sentAt: string
  expiresAt: string
  wrongTries: number
  used: boolean
  /** Send instants (ms) within the last hour, for the hourly limit. */
  sends: number[]
  /** A code for a phone change goes to the new number: the resident it was sent for. */
  phoneChangeFor?: string
}

/** How a resident token was earned: `face` (ID card + face match) or `sms` (a code). */
export type TokenMethod = 'face' | 'sms'

/** A phone number change, as the centre keeps it for its audit trail (numbers masked). */
export interface StoredPhoneChange {
  changeNo: string
  residentRef: string
  terminalId: string
  at: string
  fromMasked: string
  toMasked: string
}

/** One notice sent to a resident's phone. */
export interface StoredMessage {
  text: string
  sentAt: string
  /** The application it is about, when there is one. */
  applicationNo?: string
}

export interface CentralState {
  version: 1
  /** Changes when the reference history is rebuilt; cursors of another epoch get a reset. */
  epoch: string
  seq: { application: number; binding: number; certificate: number }
  /** terminalId → nonce → request timestamp (ms). Pruned past the skew window. */
  nonces: Record<string, Record<string, number>>
  /** `${terminalId}:${idempotencyKey}` → first result. */
  idempotency: Record<string, { fingerprint: string; kind: ApplicationKind; result: StoredResult }>
  applications: Record<string, StoredApplication>
  bindings: Record<string, StoredBinding>
  /** By verification code: tax and deposit certificates share one code space. */
  certificates: Record<string, StoredCertificate>
  /** By phone. */
  sms: Record<string, StoredSms>
  /** By phone: the notices a resident was sent, oldest first (messages.ts). */
  messages: Record<string, StoredMessage[]>
  /** By residentRef: the rent plan (withdrawals/schedule.ts). */
  rentPlans: Record<string, StoredRentPlan>
  /** By residentRef: withdrawals paid (withdrawals/ledger.ts). */
  ledger: Record<string, StoredLedger>
  /** sha256(token) → session. The token itself is never stored. */
  tokens: Record<
    string,
    { residentRef: string; terminalId: string; expiresAt: number; method?: TokenMethod }
  >
  /**
   * residentRef → the phone on file when it changed since the seed (the seed is regenerated on
   * every start and never edited); read it through `CentralContext.phoneOf`.
   */
  phones: Record<string, string>
  /** By change number: every phone change, for the centre's audit trail. */
  phoneChanges: Record<string, StoredPhoneChange>
  reference: {
    /** `${kind}:${key}` → item (tombstones included until compacted). */
    items: Record<string, ReferenceItem>
    /** Highest version handed out. */
    version: number
    /** Deltas are served only from cursors at or above this version. */
    horizon: number
  }
  heartbeats: Record<string, { at: string; health: HeartbeatRequest }>
  /** terminalId → the audit chain head acknowledged and what was flagged (audit-chain.ts). */
  auditChains?: Record<string, AuditChainRecord>
}

/** The state's keyed maps as prototype-free dicts (a parsed file gives plain objects). */
function withDicts(state: CentralState): CentralState {
  const nonces = dict<Record<string, number>>()
  for (const [terminalId, seen] of Object.entries(state.nonces ?? {}))
    nonces[terminalId] = dict(seen)
  return {
    ...state,
    nonces,
    idempotency: dict(state.idempotency),
    applications: dict(state.applications),
    bindings: dict(state.bindings),
    certificates: dict(state.certificates),
    sms: dict(state.sms),
    // State files written before notices existed have none.
    messages: dict(state.messages ?? {}),
    // Nor withdrawals.
    rentPlans: dict(state.rentPlans ?? {}),
    ledger: dict(state.ledger ?? {}),
    tokens: dict(state.tokens),
    // State files written before phone changes existed have neither.
    phones: dict(state.phones ?? {}),
    phoneChanges: dict(state.phoneChanges ?? {}),
    reference: { ...state.reference, items: dict(state.reference.items) },
    heartbeats: dict(state.heartbeats),
  }
}

/** A fresh state for a first start: seed bindings and reference data, nothing applied yet. */
export function initialState(seed: DemoSeed): CentralState {
  const items: Record<string, ReferenceItem> = {}
  let version = 0
  for (const item of seed.reference) {
    items[`${item.kind}:${item.key}`] = item
    version = Math.max(version, item.version)
  }
  const bindings: Record<string, StoredBinding> = {}
  for (const b of seed.bindings) bindings[b.bindingId] = { ...b }
  return withDicts({
    version: 1,
    epoch: randomBytes(6).toString('hex'),
    seq: { application: 0, binding: 0, certificate: 0 },
    nonces: {},
    idempotency: {},
    applications: {},
    bindings,
    certificates: {},
    sms: {},
    messages: {},
    rentPlans: {},
    ledger: {},
    tokens: {},
    phones: {},
    phoneChanges: {},
    reference: { items, version, horizon: 0 },
    heartbeats: {},
  })
}

/**
 * Owns the state file. `save()` resolves once a snapshot taken at or after the call is on disk;
 * writes are serialised, so a later save never loses to an earlier one.
 */
export class StateFile {
  private chain: Promise<void> = Promise.resolve()

  constructor(readonly path: string) {}

  /** Reads the state, or undefined when there is no file yet. A corrupt file is an error, not a reset. */
  async load(): Promise<CentralState | undefined> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
    const state = JSON.parse(text) as CentralState
    if (state?.version !== 1) throw new Error(`unsupported central state file: ${this.path}`)
    return withDicts(state)
  }

  save(state: CentralState): Promise<void> {
    const next = this.chain.then(() => this.write(JSON.stringify(state)))
    // Keep the chain alive after a failed write; the caller still sees the failure.
    this.chain = next.catch(() => undefined)
    return next
  }

  /** Waits for writes in flight. */
  flush(): Promise<void> {
    return this.chain
  }

  private async write(text: string): Promise<void> {
    const dir = dirname(this.path)
    await mkdir(dir, { recursive: true })
    const temp = join(dir, `.${basename(this.path)}.${process.pid}.tmp`)
    const handle = await open(temp, 'w')
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    try {
      await rename(temp, this.path)
    } catch (error) {
      await rm(temp, { force: true })
      throw error
    }
    // fsync the folder so the rename itself survives power loss (not possible on Windows).
    if (process.platform !== 'win32') {
      const folder = await open(dir, 'r')
      try {
        await folder.sync()
      } finally {
        await folder.close()
      }
    }
  }
}
