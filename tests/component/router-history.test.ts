/**
 * The kiosk's router history keeps one entry (seen in the soak run): vue-router's memory history
 * would otherwise keep every screen of every session in a page that is never reloaded.
 */
import { describe, expect, it } from 'vitest'
import { createKioskHistory } from '../../renderer/router'

describe('kiosk router history', () => {
  it('keeps only the current screen however many were shown', () => {
    const history = createKioskHistory()
    for (let i = 0; i < 1000; i++) history.push(`/screen/${i}`, {})
    expect(history.location).toBe('/screen/999')
    // Nothing is kept behind it: going back has nowhere to go.
    history.go(-1, false)
    expect(history.location).toBe('/screen/999')
    history.replace('/', {})
    expect(history.location).toBe('/')
  })
})
