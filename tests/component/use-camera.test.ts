/**
 * The face-check camera's outcome reaches the core before the screen shows it: a
 * resident who reads "camera unusable" and goes back must find the face check withdrawn on the card
 * screen, which asks the core afresh. getUserMedia is the stubbed part (no camera here).
 */
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { useCamera, type UseCameraReturn } from '../../renderer/composables/use-camera'
import { createKioskTestApp, type KioskTestApp } from './support/kiosk-app'

let ctx: KioskTestApp
let open: () => void
/** What the page sent as `devices.reportCamera`, at once (before the core answers). */
let reported: unknown[]

beforeEach(() => {
  ctx = createKioskTestApp()
  // The core's answer to the report is held until the test lets it through.
  const gate = new Promise<void>((resolve) => (open = resolve))
  reported = []
  const call = ctx.api.call
  ctx.api.call = (async (method: string, input: unknown) => {
    if (method === 'devices.reportCamera') {
      reported.push(input)
      await gate
    }
    return call(method as never, input as never)
  }) as typeof ctx.api.call
})
afterEach(() => ctx.app.unmount())

function mountCamera(getUserMedia: () => Promise<MediaStream>): UseCameraReturn {
  let camera!: UseCameraReturn
  mount(
    defineComponent({
      setup() {
        camera = useCamera({ mediaDevices: { getUserMedia } })
        return () => null
      },
    }),
    ctx.mountOptions,
  )
  return camera
}

describe('camera outcome', () => {
  it('a refused camera is shown only once the core has been told', async () => {
    const camera = mountCamera(() =>
      Promise.reject(new DOMException('refused by the resident', 'NotAllowedError')),
    )
    const started = camera.start()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(reported).toEqual([{ state: 'denied' }])
    expect(camera.state.value).toBe('starting')
    open()
    expect(await started).toBe('denied')
    expect(camera.state.value).toBe('denied')
  })

  it('a camera that is missing is reported as missing', async () => {
    const camera = mountCamera(() => Promise.reject(new DOMException('no device', 'NotFoundError')))
    open()
    expect(await camera.start()).toBe('missing')
    expect(reported).toEqual([{ state: 'missing' }])
  })
})
