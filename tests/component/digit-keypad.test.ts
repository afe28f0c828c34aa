import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import {
  canAppendIdNumberKey,
  checkIdNumberEntry,
  ID_NUMBER_LENGTH,
} from '../../shared/domain/id-number-entry'
import DigitKeypad from '../../renderer/components/DigitKeypad.vue'
import { createKioskTestApp } from './support/kiosk-app'

/** A keypad whose value is held by a parent, as the screens hold it. */
function mountKeypad(props: Record<string, unknown>) {
  const ctx = createKioskTestApp()
  const typed = ref('')
  const Host = defineComponent(
    () => () =>
      h(DigitKeypad, {
        ...props,
        modelValue: typed.value,
        'onUpdate:modelValue': (value: string) => (typed.value = value),
      } as never),
  )
  const wrapper = mount(Host, ctx.mountOptions)
  const prefix = (props.idPrefix as string | undefined) ?? 'key'
  const key = (name: string) => wrapper.get(`[data-testid="${prefix}-${name}"]`)
  async function type(text: string): Promise<void> {
    for (const char of text) await key(char).trigger('click')
  }
  return { wrapper, typed, key, type }
}

/** The ID-number keypad, as the ID-number screen uses it. */
const mountIdKeypad = () =>
  mountKeypad({ maxLength: ID_NUMBER_LENGTH, withX: true, accepts: canAppendIdNumberKey })

describe('ID number keypad', () => {
  it('offers X only as the 18th character', async () => {
    const { typed, key, type } = mountIdKeypad()
    for (const char of '35012120010718457') {
      expect(key('X').attributes('disabled')).toBeDefined()
      await key('X').trigger('click')
      expect(typed.value).not.toContain('X')
      await type(char)
    }
    expect(typed.value).toHaveLength(17)
    expect(key('X').attributes('disabled')).toBeUndefined()
    await key('X').trigger('click')
    expect(typed.value).toBe('35012120010718457X')
    // Full: nothing more goes in, backspace and clear still work.
    expect(key('0').attributes('disabled')).toBeDefined()
    expect(key('X').attributes('disabled')).toBeDefined()
    await key('backspace').trigger('click')
    expect(typed.value).toBe('35012120010718457')
    await key('clear').trigger('click')
    expect(typed.value).toBe('')
    expect(key('clear').attributes('disabled')).toBeDefined()
  })

  it('every key has an accessible name', () => {
    const { wrapper } = mountIdKeypad()
    for (const button of wrapper.findAll('button')) {
      const name = button.attributes('aria-label') ?? button.text()
      expect(name.trim(), button.html()).not.toBe('')
    }
    expect(wrapper.get('[data-testid="keypad"]').attributes('aria-label')).toBe('数字键盘')
  })

  it('a digits-only keypad (SMS code) has no X and stops at its length', async () => {
    const { wrapper, typed, type } = mountKeypad({ maxLength: 6 })
    expect(wrapper.find('[data-testid="key-X"]').exists()).toBe(false)
    await type('1234567')
    expect(typed.value).toBe('123456')
  })
})

describe('ID number checked as typed (GB 11643)', () => {
  const today = new Date('2025-06-01T00:00:00Z')
  const check = (typed: string) => checkIdNumberEntry(typed, today)

  it('says nothing while a plausible number is being typed, valid when complete', () => {
    const id = '350102198506123417'
    for (let n = 0; n < id.length; n++) {
      expect(check(id.slice(0, n))).toMatchObject({ problem: null, valid: false })
    }
    expect(check(id)).toEqual({ length: 18, complete: true, valid: true, problem: null })
    expect(check('35012120010718457x').valid).toBe(true)
    expect(check('11010519491231002X').valid).toBe(true)
  })

  it('refuses a bad check character, before anything is sent', () => {
    expect(check('350102198506123418')).toMatchObject({ valid: false, problem: 'checkChar' })
  })

  it('refuses an impossible or future birth date as soon as its digits are in', () => {
    expect(check('3501021985')).toMatchObject({ problem: null })
    expect(check('350102198513')).toMatchObject({ problem: 'birthDate' })
    expect(check('3501021985023')).toMatchObject({ problem: null })
    expect(check('35010219850230')).toMatchObject({ problem: 'birthDate' })
    expect(check('35010218990101')).toMatchObject({ problem: 'birthDate' })
    expect(check('35010220300101')).toMatchObject({ problem: 'birthDate' })
    expect(check('35010220250602')).toMatchObject({ problem: 'birthDate' })
    expect(check('0')).toMatchObject({ problem: 'area' })
  })

  it('accepts X only at position 18 and nothing beyond', () => {
    expect(canAppendIdNumberKey('', 'X')).toBe(false)
    expect(canAppendIdNumberKey('1'.repeat(16), 'x')).toBe(false)
    expect(canAppendIdNumberKey('1'.repeat(17), 'x')).toBe(true)
    expect(canAppendIdNumberKey('1'.repeat(17), '5')).toBe(true)
    expect(canAppendIdNumberKey('1'.repeat(18), '5')).toBe(false)
    expect(canAppendIdNumberKey('123', 'A')).toBe(false)
  })
})

describe('digit keypad for the staff PIN and the feedback phone', () => {
  it('names its keys and group by the prefix, stops at the length and clears', async () => {
    const { wrapper, typed, key, type } = mountKeypad({
      maxLength: 4,
      idPrefix: 'pin',
      label: 'Staff PIN',
    })
    expect(wrapper.get('[data-testid="pinpad"]').attributes('aria-label')).toBe('Staff PIN')
    expect(wrapper.find('[data-testid="pin-X"]').exists()).toBe(false)
    await type('24681')
    expect(typed.value).toBe('2468')
    expect(key('1').attributes('disabled')).toBeDefined()
    await key('backspace').trigger('click')
    expect(typed.value).toBe('246')
    await key('clear').trigger('click')
    expect(typed.value).toBe('')
  })
})
