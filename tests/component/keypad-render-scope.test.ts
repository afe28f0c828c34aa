/**
 * A keypad key does work in proportion to the entry it changes, never to the page around it:
 * each key press re-renders the keypad and the entry it types into, and nothing else. Counted
 * with a render counter on every component (an app-wide `updated` hook) and a MutationObserver
 * on the page's long list. The interaction bench (tests/bench/interaction.bench.ts) shows what a
 * key press costs in time; this keeps its scope from growing silently (a screen whose frame, list
 * or table re-renders on every key would do work proportional to what is on screen).
 */
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, type ComponentOptions } from 'vue'
import type { FundRecordView } from '../../shared/api/methods/fund'
import StaffPinDialog from '../../renderer/components/supervisor/StaffPinDialog.vue'
import FundRecordsScreen from '../../renderer/screens/fund/FundRecordsScreen.vue'
import IdentityIdNumberScreen from '../../renderer/screens/identity/IdentityIdNumberScreen.vue'
import { useSupervisorStore } from '../../renderer/stores/supervisor'
import { createFakeKioskApi } from './support/fake-kiosk-api'
import { createKioskTestApp, type KioskTestApp } from './support/kiosk-app'

/** Updates (re-renders after the first) per component name, while counting is on. */
let renders: Map<string, number>
let counting = false
const renderCounter: ComponentOptions = {
  updated(this: { $options: { name?: string; __name?: string } }) {
    if (!counting) return
    const name = this.$options.name ?? this.$options.__name ?? '?'
    renders.set(name, (renders.get(name) ?? 0) + 1)
  },
}

let ctx: KioskTestApp
const ROWS = 50

function record(i: number): FundRecordView {
  return {
    id: `R${String(i).padStart(4, '0')}`,
    date: `2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
    businessType: '01',
    typeLabel: { zh: '汇缴', en: 'Monthly deposit' },
    amount: 180_000 + i,
    balanceAfter: 8_000_000 + i * 1000,
  } as FundRecordView
}

beforeEach(() => {
  renders = new Map()
  counting = false
  ctx = createKioskTestApp(
    createFakeKioskApi({
      'fund.records': () => ({
        ok: true,
        value: {
          items: Array.from({ length: ROWS }, (_, i) => record(i)),
          page: 1,
          pageSize: ROWS,
          total: ROWS,
          totals: { credit: ROWS * 180_000, debit: 0, net: ROWS * 180_000 },
        },
      }),
    }),
  )
})
afterEach(() => {
  counting = false
})

const options = () => ({ global: { ...ctx.mountOptions.global, mixins: [renderCounter] } })

describe('a keypad key re-renders its entry only', () => {
  it('the staff PIN typed over a long records table leaves the table alone', async () => {
    useSupervisorStore().openPin()
    // The shell's composition: the current screen, and the PIN dialog on top (App.vue).
    const Shell = defineComponent(() => () => [h(FundRecordsScreen), h(StaffPinDialog)])
    const wrapper = mount(Shell, { ...options(), attachTo: document.body })
    await flushPromises()
    const table = wrapper.get('[data-testid="records-table"]')
    expect(table.findAll('[data-record]')).toHaveLength(ROWS)
    let tableMutations = 0
    new MutationObserver((list) => (tableMutations += list.length)).observe(table.element, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    })

    counting = true
    for (const digit of '246810') {
      await wrapper.get(`[data-testid="pin-${digit}"]`).trigger('click')
      await nextTick()
    }
    await flushPromises()
    counting = false

    // The counter works: the keypad re-rendered once a key…
    expect(renders.get('DigitKeypad')).toBe(6)
    // …the dialog holding the PIN may too, and nothing else: not the records screen, its frame,
    // nor any part of its body (the table is the body's; re-rendering it patches nothing in the
    // DOM, so only the render count sees it).
    expect([...renders.keys()].sort()).toEqual(['DigitKeypad', 'StaffPinDialog'])
    expect(tableMutations).toBe(0)
    wrapper.unmount()
  })

  it('typing an ID number re-renders the entry, not the screen frame around it', async () => {
    const wrapper = mount(IdentityIdNumberScreen, { ...options(), attachTo: document.body })
    await flushPromises()
    counting = true
    const idNumber = '350102198506123417'
    for (const char of idNumber) {
      await wrapper.get(`[data-testid="key-${char}"]`).trigger('click')
      await nextTick()
    }
    await flushPromises()
    counting = false
    expect(wrapper.get('[data-testid="id-number-value"]').text().replace(/\s/g, '')).toBe(idNumber)
    expect(renders.get('DigitKeypad')).toBe(idNumber.length)
    // The frame (title, steps, navigation, the footer's buttons) is drawn once, not once a key;
    // the submit button follows the entry's validity, which changes once (at the 18th key).
    expect(renders.get('ScreenFrame') ?? 0).toBeLessThanOrEqual(1)
    // What re-renders a key: the keypad and the body showing the entry (a slot scope,
    // components/SlotScope.ts); the footer's submit button once, when the number becomes valid;
    // never the frame or the screen itself.
    expect([...renders.keys()].sort()).toEqual(['DigitKeypad', 'SlotScope'])
    expect(renders.get('SlotScope')).toBeLessThanOrEqual(idNumber.length + 1)
    wrapper.unmount()
  })
})
