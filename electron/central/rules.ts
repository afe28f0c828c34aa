/**
 * The centre's business rules on applying bind and unbind (DOMAIN.md, "Rules the kiosk enforces").
 * The terminal checks the same rules up front for a friendly message; the centre is authoritative.
 * Pure functions so that the rules are tested without a server (closed and frozen accounts, for
 * instance, exist in no demo resident).
 */
import type { ApplicationRejectionCode, FundAccount } from '../../shared/central'
import type { WalletBindingState } from '../../shared/central'

export type RuleOutcome =
  { ok: true; notices: string[] } | { ok: false; code: ApplicationRejectionCode; reason: string }

const refuse = (code: ApplicationRejectionCode, reason: string): RuleOutcome => ({
  ok: false,
  code,
  reason,
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

/** Decides a bind application. Order matters: the first failing rule is the reason given. */
export function checkBind(facts: BindFacts): RuleOutcome {
  if (!facts.resident) return refuse('RESIDENT_NOT_FOUND', '未找到申请人')
  const account = facts.account
  if (!account) return refuse('NO_FUND_ACCOUNT', '申请人没有公积金账户')
  if (account.status === '03' || account.status === '04' || account.status === '05') {
    return refuse('ACCOUNT_CLOSED', '公积金账户已销户，不能绑定')
  }
  if (account.status === '06') return refuse('ACCOUNT_FROZEN', '公积金账户已冻结，不能绑定')
  if (!facts.operatorIsPartner) return refuse('OPERATOR_NOT_PARTNER', '该钱包运营机构不是合作机构')
  if (!facts.wallet) return refuse('WALLET_NOT_FOUND', '未找到该钱包')
  if (facts.wallet.walletClass === 4) {
    return refuse('WALLET_CLASS_NOT_ALLOWED', '四类（匿名）钱包不能绑定')
  }
  if (facts.wallet.holderName !== facts.resident.name) {
    return refuse('WALLET_HOLDER_MISMATCH', '钱包户名与身份证姓名不一致')
  }
  if (facts.bindingStates.some((s) => s === 'pending' || s === 'unbinding')) {
    return refuse('APPLICATION_IN_FLIGHT', '已有一笔绑定或解绑业务正在办理')
  }
  if (facts.bindingStates.includes('bound')) {
    return refuse('ALREADY_BOUND', '该公积金账户已绑定数字钱包，请先解绑')
  }
  return { ok: true, notices: account.status === '02' ? ['ACCOUNT_SEALED'] : [] }
}

/** Decides an unbind application for one binding of the resident (undefined: not theirs / none). */
export function checkUnbind(
  resident: object | undefined,
  binding: { state: WalletBindingState } | undefined,
): RuleOutcome {
  if (!resident) return refuse('RESIDENT_NOT_FOUND', '未找到申请人')
  if (binding?.state === 'unbinding' || binding?.state === 'pending') {
    return refuse('APPLICATION_IN_FLIGHT', '该钱包已有业务正在办理')
  }
  if (binding?.state !== 'bound') return refuse('NOT_BOUND', '未找到已绑定的钱包')
  return { ok: true, notices: [] }
}
