import { describe, expect, it } from 'vitest'
import { ISSUE_CODES } from '../../shared/api/methods/terminal'
import { ERROR_CODES } from '../../shared/api/result'
import { DEVICE_KINDS, DEVICE_STATUS_CODES } from '../../shared/devices'
import { SERVICE_IDS } from '../../shared/services'
import { en } from '../../renderer/i18n/en'
import { zhCN } from '../../renderer/i18n/zh-CN'

/** Every leaf key of a message tree, as dotted paths. */
function leafKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? leafKeys(value, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  )
}

function lookup(tree: object, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree)
}

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/

describe('messages', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(leafKeys(en).sort()).toEqual(leafKeys(zhCN).sort())
  })

  it.each(ERROR_CODES)('errors.%s exists in both languages', (code) => {
    expect(lookup(zhCN, `errors.${code}`)).toEqual(expect.any(String))
    expect(lookup(en, `errors.${code}`)).toEqual(expect.any(String))
  })

  it.each(ISSUE_CODES)('issueCodes.%s exists in both languages', (code) => {
    expect(lookup(zhCN, `issueCodes.${code}`)).toEqual(expect.any(String))
    expect(lookup(en, `issueCodes.${code}`)).toEqual(expect.any(String))
  })

  it('names every service, device and device status code', () => {
    for (const messages of [zhCN, en]) {
      for (const id of SERVICE_IDS) {
        expect(lookup(messages, `services.${id}.title`)).toEqual(expect.any(String))
        expect(lookup(messages, `services.${id}.summary`)).toEqual(expect.any(String))
      }
      for (const kind of DEVICE_KINDS) expect(lookup(messages, `devices.${kind}`)).toBeTruthy()
      for (const code of DEVICE_STATUS_CODES)
        expect(lookup(messages, `deviceCodes.${code}`)).toBeTruthy()
    }
  })

  it('Chinese service titles are 2 to 4 characters', () => {
    for (const id of SERVICE_IDS) {
      const title = lookup(zhCN, `services.${id}.title`) as string
      expect([...title].length, title).toBeGreaterThanOrEqual(2)
      expect([...title].length, title).toBeLessThanOrEqual(4)
    }
  })

  it('English has no Chinese except the endonym of Chinese itself', () => {
    const leaks = leafKeys(en)
      .filter((key) => key !== 'language.names.zhCN')
      .filter((key) => CJK.test(lookup(en, key) as string))
    expect(leaks).toEqual([])
  })

  it('uses no vue-i18n syntax characters by accident', () => {
    for (const messages of [zhCN, en]) {
      for (const key of leafKeys(messages)) {
        const text = (lookup(messages, key) as string).replace(/\{\w+\}/g, '')
        expect(text, key).not.toMatch(/[{}@|$]/)
      }
    }
  })
})
