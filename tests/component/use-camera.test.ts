/**
 * The face-check camera's outcome reaches the core before the screen shows it: a
 * resident who reads "camera unusable" and goes back must find the face check withdrawn on the card
 * screen, which asks the core afresh. getUserMedia is the stubbed part (no camera here).
 */
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import {
  openLabelledCamera,
  useCamera,
  type UseCameraOptions,
  type UseCameraReturn,
} from '../../renderer/composables/use-camera'
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

function mountCamera(
  getUserMedia: () => Promise<MediaStream>,
  extra: Pick<UseCameraOptions, 'label'> & {
    enumerateDevices?: () => Promise<MediaDeviceInfo[]>
  } = {},
): UseCameraReturn {
  let camera!: UseCameraReturn
  mount(
    defineComponent({
      setup() {
        const { enumerateDevices, ...rest } = extra
        camera = useCamera({
          ...rest,
          mediaDevices: { getUserMedia, ...(enumerateDevices ? { enumerateDevices } : {}) },
        })
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

describe('the hall camera by label', () => {
  const stream = (label: string) => {
    const track = { label, stopped: false, stop: () => (track.stopped = true) }
    return {
      track,
      stream: {
        getVideoTracks: () => [track],
        getTracks: () => [track],
      } as unknown as MediaStream,
    }
  }
  const listed = [
    { kind: 'videoinput', label: 'Document Camera', deviceId: 'doc' },
    { kind: 'videoinput', label: 'HD Front Camera (0bda:58b0)', deviceId: 'front' },
  ] as MediaDeviceInfo[]

  it('swaps the default camera for the one whose label matches', async () => {
    const doc = stream('Document Camera')
    const front = stream('HD Front Camera (0bda:58b0)')
    const asked: MediaStreamConstraints[] = []
    const got = await openLabelledCamera(
      {
        getUserMedia: async (c) => {
          asked.push(c!)
          return asked.length === 1 ? doc.stream : front.stream
        },
        enumerateDevices: async () => listed,
      },
      'hd front',
    )
    expect(got).toBe(front.stream)
    expect(doc.track.stopped).toBe(true)
    expect(asked[1]!.video).toMatchObject({ deviceId: { exact: 'front' } })
  })

  it('keeps the first camera when it is the labelled one', async () => {
    const front = stream('HD Front Camera (0bda:58b0)')
    const got = await openLabelledCamera(
      { getUserMedia: async () => front.stream, enumerateDevices: async () => listed },
      'HD FRONT',
    )
    expect(got).toBe(front.stream)
    expect(front.track.stopped).toBe(false)
  })

  it('reports a missing camera when none has the label, never another camera', async () => {
    const doc = stream('Document Camera')
    let calls = 0
    const camera = mountCamera(
      async () => {
        calls++
        return doc.stream
      },
      { label: 'Hall face camera', enumerateDevices: async () => listed },
    )
    open()
    expect(await camera.start()).toBe('missing')
    expect(calls).toBe(1)
    expect(doc.track.stopped).toBe(true)
    expect(reported).toEqual([{ state: 'missing' }])
  })
})
