/**
 * The one table of sentences that say why the centre rejected an application, in Chinese as
 * printed on receipts and sent as the centre's `reason`. Screen words come from i18n by code; these
 * are the words a paper or a record keeps. `Record` over every code, so a new code cannot ship
 * without its sentence.
 */
import type { ApplicationRejectionCode } from '../central/applications'

/** One sentence per rejection code. */
export const REJECTION_SENTENCES: Readonly<Record<ApplicationRejectionCode, string>> = {
  PAYLOAD_INVALID: '申请内容不完整或格式不对',
  FINGERPRINT_MISMATCH: '申请内容与指纹不符',
  TERMINAL_MISMATCH: '申请来自另一台终端',
  RESIDENT_NOT_FOUND: '未找到申请人',
  NO_FUND_ACCOUNT: '没有公积金账户',
  ACCOUNT_CLOSED: '公积金账户已销户',
  ACCOUNT_FROZEN: '公积金账户已冻结',
  OPERATOR_NOT_PARTNER: '该钱包运营机构不是合作机构',
  WALLET_NOT_FOUND: '未找到该钱包，请核对钱包编号和运营机构',
  WALLET_CLASS_NOT_ALLOWED: '四类（匿名）钱包不能绑定',
  WALLET_HOLDER_MISMATCH: '钱包户名与身份证姓名不一致',
  ALREADY_BOUND: '已绑定其他钱包，请先解绑',
  APPLICATION_IN_FLIGHT: '已有业务正在办理',
  NOT_BOUND: '没有已绑定的钱包',
  ACCOUNT_NOT_ACTIVE: '公积金账户不是正常状态',
  OWNS_HOME: '您在本市有自有住房，不能办理租房提取',
  DEPOSITS_TOO_SHORT: '连续缴存不足 3 个月',
  PLAN_RUNNING: '已有按月提取计划在执行',
  NO_PLAN: '没有正在执行的按月提取计划',
  AMOUNT_ABOVE_CAP: '提取金额超过中心公布的上限',
  AMOUNT_ABOVE_AVAILABLE: '提取金额超过可用余额',
  NOT_RETIRED: '中心没有您的退休记录',
  NOTHING_TO_WITHDRAW: '没有可提取的余额',
}

/**
 * The sentence for a rejection code as it arrives in an outbox answer, or `undefined` when the code
 * is not one of the centre's (a terminal-side code such as `LOCAL_INVALID`, or anything else a
 * record holds). Own keys only, so a code spelled like `constructor` finds no sentence.
 */
export function rejectionSentence(code: string): string | undefined {
  return Object.hasOwn(REJECTION_SENTENCES, code)
    ? REJECTION_SENTENCES[code as ApplicationRejectionCode]
    : undefined
}
