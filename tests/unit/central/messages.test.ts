import { afterEach, describe, expect, it } from 'vitest'
import { sealContact } from '../../../shared/central'
import { MESSAGES_PER_PHONE, sendMessage } from '../../../electron/central/messages'
import { initialState } from '../../../electron/central/state'
import {
  SEED,
  TERMINAL_KEY,
  outboxItem,
  resident,
  startHarness,
  type Harness,
} from './central.fixture'

const LIN_ICBC = '0021000086432151'

describe('notices to the resident', () => {
  let h: Harness | undefined
  afterEach(() => h?.close())

  async function submit(h: Harness, kind: 'bind' | 'unbind' | 'feedback', payload: unknown) {
    const res = await h.call('applicationsSubmit', { items: [await outboxItem(kind, payload)] })
    if (!res.ok) throw new Error(`push failed: ${res.error.code}`)
    return res.value.results[0]!
  }

  it('sends exactly one message for a bind that succeeds, and none again for its repeat', async () => {
    h = await startHarness()
    const lin = resident('林晓峰')
    expect(await h.demoMessages(lin.phone)).toEqual([])
    const item = await outboxItem('bind', {
      residentRef: lin.residentRef,
      operatorCode: 'ICBC',
      walletId: LIN_ICBC,
    })
    const first = await h.call('applicationsSubmit', { items: [item] })
    const again = await h.call('applicationsSubmit', { items: [item] })
    expect(again.ok && again.value.results[0]).toMatchObject({ repeated: true })
    const firstResult = first.ok ? first.value.results[0] : undefined
    const applicationNo =
      firstResult && 'applicationNo' in firstResult ? firstResult.applicationNo : ''
    const messages = await h.demoMessages(lin.phone)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({
      applicationNo,
      text: `【福州公积金】您的数字钱包绑定申请 ${applicationNo} 已办理成功。`,
    })
  })

  it('says why a refused bind was refused', async () => {
    h = await startHarness()
    const wang = resident('王建国')
    const result = await submit(h, 'bind', {
      residentRef: resident('黄子轩').residentRef,
      operatorCode: 'ICBC',
      walletId: LIN_ICBC,
    })
    expect(result.outcome).toBe('rejected')
    const [message] = await h.demoMessages(resident('黄子轩').phone)
    expect(message?.text).toMatch(/^【福州公积金】您的数字钱包绑定申请 BD\d+ 未通过：.+。$/u)
    // Nobody else hears of it.
    expect(await h.demoMessages(wang.phone)).toEqual([])
  })

  it('tells "accepted" at once and "done" when a slow bind settles: two decisions, two messages', async () => {
    h = await startHarness({ bindSettleMs: 30_000 })
    const lin = resident('林晓峰')
    await submit(h, 'bind', {
      residentRef: lin.residentRef,
      operatorCode: 'ICBC',
      walletId: LIN_ICBC,
    })
    expect((await h.demoMessages(lin.phone)).map((m) => m.text)).toEqual([
      expect.stringMatching(/已受理，办理结果将另行短信通知。$/u),
    ])
    h.clock.advance(30_000)
    // Any signed request runs the housekeeping that settles the binding.
    await h.call('referenceData', {})
    const texts = (await h.demoMessages(lin.phone)).map((m) => m.text)
    expect(texts).toHaveLength(2)
    expect(texts[0]).toMatch(/已办理成功。$/u)
  })

  it('answers a feedback left without signing in on the call-back phone it carries', async () => {
    h = await startHarness()
    await submit(h, 'feedback', {
      category: 'suggestion',
      text: '希望增加更多座椅',
      contactSealed: await sealContact('13312345678', TERMINAL_KEY),
    })
    const [message] = await h.demoMessages('13312345678')
    expect(message?.text).toMatch(/^【福州公积金】您的投诉与反馈 FK\d+ 已受理/u)
  })

  it('tells the resident once when the centre has replied to their feedback', async () => {
    h = await startHarness()
    const result = await submit(h, 'feedback', {
      category: 'complaint',
      text: '打印机没纸了',
      contactSealed: await sealContact('13312345679', TERMINAL_KEY),
    })
    const applicationNo = 'applicationNo' in result ? result.applicationNo : ''
    expect(await h.server.replyToFeedback(applicationNo)).toBe(true)
    expect(await h.server.replyToFeedback(applicationNo)).toBe(true)
    const texts = (await h.demoMessages('13312345679')).map((m) => m.text)
    expect(texts).toEqual([
      `【福州公积金】您的投诉与反馈 ${applicationNo} 已答复，请留意工作人员的回复。`,
      expect.stringMatching(/已受理/u),
    ])
  })

  it('answers any phone spelling with a list and tells nothing of who exists', async () => {
    h = await startHarness()
    for (const phone of ['__proto__', 'constructor', '../sms/x', '1380059123４']) {
      const res = await fetch(`${h.url}/demo/messages/${encodeURIComponent(phone)}`)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ messages: [] })
    }
  })

  it('keeps a bounded number of messages per phone, newest last', () => {
    const st = initialState(SEED)
    for (let i = 0; i < MESSAGES_PER_PHONE + 5; i++) {
      sendMessage(st, '13800591234', `第${i}条`, new Date(0))
    }
    const box = st.messages['13800591234']!
    expect(box).toHaveLength(MESSAGES_PER_PHONE)
    expect(box.at(-1)?.text).toBe(`【福州公积金】第${MESSAGES_PER_PHONE + 4}条`)
  })
})
