/**
 * The binding as every fund screen reads it (`fund.bindingState`): a binding still being decided
 * carries the number of the application it waits on — the bind while pending, the unbind while
 * unbinding — and a settled one carries none.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { fundHarness, type FundHarness } from './fund.fixture'

let h: FundHarness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

describe('the binding card’s facts', () => {
  it('a pending bind names its application; a settled one names none', async () => {
    h = await fundHarness({ bindSettleMs: 60_000 })
    await h.signIn('lin')
    await h.confirm('bind')
    const bind = await h.value('fund.bind', {
      operatorCode: 'ICBC',
      walletId: '0021000086432151',
      agreementAccepted: true,
    })
    const state = await h.value('fund.bindingState', {})
    expect(state.current).toMatchObject({
      state: 'pending',
      walletIdMasked: '************2151',
      pendingApplicationNo: bind.application.applicationNo,
    })
    expect(state.current!.pendingApplicationNo).toMatch(/^BD/)
  })

  it('陈美玲’s unbinding names the unbind application; bound names none', async () => {
    h = await fundHarness({ bindSettleMs: 60_000 })
    await h.signIn('chen')
    const before = await h.value('fund.bindingState', {})
    expect(before.current).toMatchObject({ state: 'bound', pendingApplicationNo: null })
    await h.confirm('unbind')
    const unbind = await h.value('fund.unbind', { bindingId: before.current!.bindingId })
    const after = await h.value('fund.bindingState', {})
    expect(after.current).toMatchObject({
      state: 'unbinding',
      pendingApplicationNo: unbind.application.applicationNo,
    })
    expect(after.current!.pendingApplicationNo).toMatch(/^UB/)
  })
})
