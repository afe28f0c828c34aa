/**
 * The centre's decision on a bind or unbind application. The account and binding rules are the
 * terminal's own (shared/domain/fund.ts), applied again here because the centre is authoritative;
 * the checks only the centre can make (the applicant, the operator, the wallet registry) are added
 * in between, in the order the reason is given. The sentences come from the one shared table.
 * Pure functions so that the rules are tested without a server (closed and frozen accounts, for
 * instance, exist in no demo resident).
 */
import type {
  ApplicationRejectionCode,
  FundAccount,
  WalletBindingState,
} from '../../shared/central'
import {
  NOTHING_QUEUED,
  accountBindRefusal,
  bindNotices,
  bindingsBindRefusal,
  bindingsUnbindRefusal,
} from '../../shared/domain/fund'
import { REJECTION_SENTENCES } from '../../shared/domain/rejections'

export type RuleOutcome =
  { ok: true; notices: string[] } | { ok: false; code: ApplicationRejectionCode; reason: string }

/** A rejection with its sentence from the shared table. */
export const refuse = (code: ApplicationRejectionCode): RuleOutcome => ({
  ok: false,
  code,
  reason: REJECTION_SENTENCES[code],
})

export interface BindFacts {
  resident: { name: string } | undefined
  account: FundAccount | null
  /** The operator is listed as an enabled partner in the reference data. */
  operatorIsPartner: boolean
  /** The wallet as the registry knows it, or undefined (unknown id, or another operator's). */
  wallet: { walletClass: number; holderName: string | null } | undefined
  /** States of the resident's existing bindings. */
  bindingStates: WalletBindingState[]
}

/** The registry's checks on the operator and the wallet; null when they pass. */
function walletRefusal(facts: BindFacts, holder: string): ApplicationRejectionCode | null {
  if (!facts.operatorIsPartner) return 'OPERATOR_NOT_PARTNER'
  if (!facts.wallet) return 'WALLET_NOT_FOUND'
  if (facts.wallet.walletClass === 4) return 'WALLET_CLASS_NOT_ALLOWED'
  if (facts.wallet.holderName !== holder) return 'WALLET_HOLDER_MISMATCH'
  return null
}

/** Decides a bind application. Order matters: the first failing rule is the reason given. */
export function checkBind(facts: BindFacts): RuleOutcome {
  if (!facts.resident) return refuse('RESIDENT_NOT_FOUND')
  const status = facts.account?.status ?? null
  const code =
    accountBindRefusal(status) ??
    walletRefusal(facts, facts.resident.name) ??
    bindingsBindRefusal({ bindingStates: facts.bindingStates, queued: NOTHING_QUEUED })
  return code ? refuse(code) : { ok: true, notices: bindNotices(status) }
}

/** Decides an unbind application for one binding of the resident (undefined: not theirs / none). */
export function checkUnbind(
  resident: object | undefined,
  binding: { state: WalletBindingState } | undefined,
): RuleOutcome {
  if (!resident) return refuse('RESIDENT_NOT_FOUND')
  const bindingStates = binding ? [binding.state] : []
  const code = bindingsUnbindRefusal({ bindingStates, queued: NOTHING_QUEUED })
  return code ? refuse(code) : { ok: true, notices: [] }
}
