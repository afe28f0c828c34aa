/**
 * The residents' screens are loaded while the page is idle after start-up, one per idle period,
 * so that no first touch waits for a screen's code; staff screens are not (renderer/screen-warm-up.ts).
 */
import { describe, expect, it } from 'vitest'
import { createKioskRouter } from '../../renderer/router'
import { dateFormats, residentScreenLoaders, warmUp } from '../../renderer/screen-warm-up'
import { ROUTES } from '../../renderer/route-names'

describe('screen warm-up', () => {
  it('offers every lazy resident screen and no staff screen', () => {
    const router = createKioskRouter()
    const loaders = residentScreenLoaders(router)
    const lazy = router
      .getRoutes()
      .filter((r) => typeof r.components?.default === 'function')
      .map((r) => r.name)
    expect(lazy).toContain(ROUTES.supervisor)
    expect(loaders).toHaveLength(lazy.length - 1)
    const staffLoader = router.getRoutes().find((r) => r.name === ROUTES.supervisor)!.components!
      .default
    expect(loaders).not.toContain(staffLoader)
    // Screens loaded eagerly (attract, home) are not loaders.
    const attract = router.getRoutes().find((r) => r.name === ROUTES.attract)!.components!.default
    expect(loaders).not.toContain(attract)
  })

  it('loads one screen per idle period, in turn, and goes on past a failed one', async () => {
    const idle: (() => void)[] = []
    const loaded: string[] = []
    const loader =
      (name: string, fail = false) =>
      async () => {
        loaded.push(name)
        if (fail) throw new Error('chunk missing')
      }
    const done = warmUp([loader('a'), loader('b', true), loader('c')], (run) => idle.push(run), 0)
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
    await settle()
    expect(loaded).toEqual([])
    for (const expected of [['a'], ['a', 'b'], ['a', 'b', 'c']]) {
      idle.shift()!()
      await settle()
      expect(loaded).toEqual(expected)
    }
    await expect(done).resolves.toBeUndefined()
  })

  it('formats each named date format once in every locale', async () => {
    const formatted: string[] = []
    await dateFormats(
      { d: (_, key, locale) => (formatted.push(`${locale}/${key}`), '') },
      ['zh-CN', 'en'],
      ['dateTime'],
    )()
    expect(formatted).toEqual(['zh-CN/dateTime', 'en/dateTime'])
  })
})
