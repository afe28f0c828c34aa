/**
 * The face-check camera: getUserMedia in the page, the outcome reported to the core
 * (`devices.reportCamera`), one still captured to JPEG through a canvas. The stream's tracks stop
 * when the caller's scope ends (leaving the screen, session end), so the camera light goes off and
 * no frame outlives the screen.
 */
import { tryOnScopeDispose } from '@vueuse/core'
import { ref, shallowRef, toValue, type MaybeRefOrGetter, type Ref, type ShallowRef } from 'vue'
import type { CameraReport } from '../../shared/api/methods/devices'
import type { FACE_IMAGE_MAX_CHARS } from '../../shared/api/methods/identity'
import { useKioskApi } from '../api/kiosk-api'

/**
 * The contract's limit for one still; typed against it so the two cannot drift, without pulling
 * the contract's schemas into the page bundle.
 */
const STILL_MAX_CHARS: typeof FACE_IMAGE_MAX_CHARS = 1_000_000

export type CameraState = 'idle' | 'starting' | 'ready' | 'missing' | 'denied'

export interface UseCameraOptions {
  /** Width of the still sent for comparison, in pixels. Default 640 (well under the size limit). */
  stillWidth?: number
  /** JPEG quality 0–1. Default 0.85. */
  quality?: number
  /**
   * The hall's camera (`devices.cameraLabel`, from `terminal.info`): the video input whose label
   * contains it, case-insensitive. Default: the front camera the browser picks.
   */
  label?: MaybeRefOrGetter<string | null | undefined>
  /** For tests. Default: `navigator.mediaDevices`. */
  mediaDevices?: Pick<MediaDevices, 'getUserMedia'> &
    Partial<Pick<MediaDevices, 'enumerateDevices'>>
}

export interface UseCameraReturn {
  state: Ref<CameraState>
  stream: ShallowRef<MediaStream | null>
  /** Opens the front camera and reports the outcome to the core. */
  start(): Promise<CameraState>
  /** Stops every track and forgets the stream. */
  stop(): void
  /** The current frame of `video` as a JPEG data URL, or null if there is none to take. */
  capture(video: HTMLVideoElement): string | null
}

/** What a getUserMedia failure means for the resident (DOMException names, per the spec). */
export function cameraFailure(error: unknown): Exclude<CameraReport, 'ready'> {
  const name = (error as { name?: string } | null)?.name
  return name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'missing'
}

/**
 * Tells the core whether a camera looks usable without opening it: a video input is listed and
 * the page is not refused. Run once per visit (the choose screen), so one resident's refusal or a
 * camera that was briefly gone does not hide the face check from the next resident; within a
 * visit the face screen's own getUserMedia has the last word.
 */
export async function probeCamera(
  api: Pick<ReturnType<typeof useKioskApi>, 'call'>,
  media: Pick<MediaDevices, 'enumerateDevices'> | undefined = globalThis.navigator?.mediaDevices,
  permissions: Pick<Permissions, 'query'> | undefined = globalThis.navigator?.permissions,
): Promise<CameraReport> {
  const devices = (await media?.enumerateDevices().catch(() => [])) ?? []
  let report: CameraReport = devices.some((d) => d.kind === 'videoinput') ? 'ready' : 'missing'
  if (report === 'ready') {
    const state = await permissions
      ?.query({ name: 'camera' as PermissionName })
      .then((p) => p.state)
      .catch(() => 'prompt' as const)
    if (state === 'denied') report = 'denied'
  }
  await api.call('devices.reportCamera', { state: report })
  return report
}

const VIDEO_SIZE = { width: { ideal: 1280 }, height: { ideal: 720 } }

/**
 * Opens the camera whose label contains `label`, or the front camera without one. Browsers list
 * labels only once the page may use a camera, so the default camera is opened first and swapped for
 * the labelled one when they differ. No camera with that label is a missing camera: staff named
 * it, and another camera (a document camera, say) must not stand in for it.
 */
export async function openLabelledCamera(
  media: NonNullable<UseCameraOptions['mediaDevices']>,
  label: string | null | undefined,
): Promise<MediaStream> {
  if (!label) {
    return media.getUserMedia({ video: { facingMode: 'user', ...VIDEO_SIZE }, audio: false })
  }
  const wanted = label.toLowerCase()
  const first = await media.getUserMedia({ video: VIDEO_SIZE, audio: false })
  if (first.getVideoTracks().some((track) => track.label.toLowerCase().includes(wanted))) {
    return first
  }
  for (const track of first.getTracks()) track.stop()
  const listed = (await media.enumerateDevices?.().catch(() => [])) ?? []
  const match = listed.find(
    (d) => d.kind === 'videoinput' && d.label.toLowerCase().includes(wanted),
  )
  if (!match) {
    throw Object.assign(new Error('no camera with the configured label'), { name: 'NotFoundError' })
  }
  return media.getUserMedia({
    video: { deviceId: { exact: match.deviceId }, ...VIDEO_SIZE },
    audio: false,
  })
}

/** Camera for the face check; see the file header. */
export function useCamera(options: UseCameraOptions = {}): UseCameraReturn {
  const { stillWidth = 640, quality = 0.85 } = options
  const api = useKioskApi()
  const state = ref<CameraState>('idle')
  const stream = shallowRef<MediaStream | null>(null)
  let disposed = false

  function stop(): void {
    for (const track of stream.value?.getTracks() ?? []) track.stop()
    stream.value = null
    if (state.value === 'ready' || state.value === 'starting') state.value = 'idle'
  }

  async function start(): Promise<CameraState> {
    stop()
    state.value = 'starting'
    const media = options.mediaDevices ?? globalThis.navigator?.mediaDevices
    let report: CameraReport
    try {
      if (!media?.getUserMedia)
        throw Object.assign(new Error('no mediaDevices'), { name: 'NotFoundError' })
      const got = await openLabelledCamera(media, toValue(options.label))
      if (disposed) {
        for (const track of got.getTracks()) track.stop()
        return 'idle'
      }
      stream.value = got
      report = 'ready'
    } catch (error) {
      report = cameraFailure(error)
    }
    // The core hears it before the screen says it: a resident who reads "camera unusable" and
    // goes back finds the face check already withdrawn there (its status is asked afresh).
    await api.call('devices.reportCamera', { state: report })
    if (disposed) return 'idle' // the screen went meanwhile (its tracks are stopped)
    state.value = report
    return report
  }

  function capture(video: HTMLVideoElement): string | null {
    if (!stream.value || video.videoWidth === 0 || video.videoHeight === 0) return null
    const canvas = document.createElement('canvas')
    const scale = Math.min(1, stillWidth / video.videoWidth)
    canvas.width = Math.round(video.videoWidth * scale)
    canvas.height = Math.round(video.videoHeight * scale)
    const context = canvas.getContext('2d')
    if (!context) return null
    context.drawImage(video, 0, 0, canvas.width, canvas.height)
    let still = canvas.toDataURL('image/jpeg', quality)
    if (still.length > STILL_MAX_CHARS) still = canvas.toDataURL('image/jpeg', 0.6)
    // Drop the pixels: the canvas is not in the DOM, but clear it so nothing keeps a copy.
    canvas.width = 0
    return still.startsWith('data:image/jpeg') && still.length <= STILL_MAX_CHARS ? still : null
  }

  tryOnScopeDispose(() => {
    disposed = true
    stop()
  })

  return { state, stream, start, stop, capture }
}
