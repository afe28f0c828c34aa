/**
 * The monthly rent plan's schedule: each month on the pay day (reference data) the centre pays the
 * plan's amount into the bound wallet while the available balance covers it; a month it does not
 * cover is skipped with a message; a plan whose binding has ended stops itself, with a message.
 * `runDuePlans` runs before each request (every pay day that has come); `advancePlans` runs the next
 * instalment at once (demo mode's fast-forward, dated today).
 */
import { chinaToday } from '../../../shared/domain/fund'
import { formatFen } from '../../../shared/domain/money'
import { nextMonthOf, payDateOf } from '../../../shared/domain/rent-schedule'
import type { CentralContext } from '../context'
import { sendMessage } from '../messages'
import type { StoredRentPlan } from '../state'
import { accountOf, availableOf, payIntoWallet, walletWords } from './ledger'
import { rentRuleOf } from './facts'

export { firstPlanMonth, nextMonthOf, payDateOf } from '../../../shared/domain/rent-schedule'

export type InstalmentOutcome = 'paid' | 'skipped' | 'stopped'

/** Stops a plan and tells the resident why. */
export function stopPlan(ctx: CentralContext, plan: StoredRentPlan, why: string, now: Date): void {
  plan.state = 'stopped'
  plan.stoppedAt = now.toISOString()
  const phone = ctx.phoneOfRef(plan.residentRef)
  if (phone)
    sendMessage(ctx.state(), phone, `您的按月租房提取已停止：${why}。`, now, plan.applicationNo)
}

/** Runs one instalment of `plan` now: pays it, skips the month, or stops the plan. */
export function runInstalment(
  ctx: CentralContext,
  plan: StoredRentPlan,
  now: Date,
): InstalmentOutcome {
  const st = ctx.state()
  const resident = ctx.seed.byRef.get(plan.residentRef)
  const binding = st.bindings[plan.bindingId]
  if (!resident || binding?.state !== 'bound') {
    stopPlan(ctx, plan, '数字钱包已解绑', now)
    return 'stopped'
  }
  const account = accountOf(st, resident)
  if (account?.status !== '01') {
    stopPlan(ctx, plan, '公积金账户不是正常状态', now)
    return 'stopped'
  }
  const month = plan.nextMonth
  plan.nextMonth = nextMonthOf(month)
  const amount = formatFen(plan.amountFen)
  if (availableOf(account) < plan.amountFen) {
    const text = `您 ${month} 的租房提取 ${amount} 因可用余额不足未转入，本月跳过，计划继续执行。`
    sendMessage(st, ctx.phoneOf(resident), text, now, plan.applicationNo)
    return 'skipped'
  }
  plan.paidCount++
  payIntoWallet(st, resident, {
    amountFen: plan.amountFen,
    purpose: 'rent',
    binding,
    id: `WD-${plan.applicationNo}-${plan.paidCount}`,
    now,
  })
  const app = st.applications[plan.applicationNo]
  if (app) {
    app.payout = {
      amountFen: (app.payout?.amountFen ?? 0) + plan.amountFen,
      operatorCode: binding.operatorCode,
      walletIdLast4: binding.walletId.slice(-4),
      paidAt: now.toISOString(),
      instalments: plan.paidCount,
    }
  }
  const text = `您的租房提取 ${amount} 已转入数字钱包 ${walletWords(st, binding)}。`
  sendMessage(st, ctx.phoneOf(resident), text, now, plan.applicationNo)
  return 'paid'
}

/** Runs every instalment whose pay day has come (before each request, under the lock). */
export function runDuePlans(ctx: CentralContext, now: Date): void {
  const today = chinaToday(now)
  const { payDay } = rentRuleOf(ctx.state())
  for (const plan of Object.values(ctx.state().rentPlans)) {
    // A bounded loop: a centre that was down for months catches up at most a year at once.
    for (let i = 0; i < 12 && plan.state === 'active'; i++) {
      if (payDateOf(plan.nextMonth, payDay) > today) break
      runInstalment(ctx, plan, now)
    }
  }
}

/** Demo fast-forward: the next instalment of every running plan, now. */
export function advancePlans(
  ctx: CentralContext,
  now: Date,
): Array<{ applicationNo: string; outcome: InstalmentOutcome }> {
  return Object.values(ctx.state().rentPlans)
    .filter((plan) => plan.state === 'active')
    .map((plan) => ({ applicationNo: plan.applicationNo, outcome: runInstalment(ctx, plan, now) }))
}
