#!/usr/bin/env node
/**
 * Renders build/icons/icon.svg into the icons electron-builder packs: PNGs by size for Linux
 * (build/icons/<n>x<n>.png, the folder `linux.icon` points at) and a multi-size icon.ico for
 * Windows (PNG-compressed entries, which Windows Vista and later read). Uses Debian's Chromium
 * through Playwright, which the test set-up has anyway; the outputs are committed, so building a
 * package does not need this script.
 *
 *   node build/scripts/make-icons.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../icons')
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8')
const PNG_SIZES = [16, 32, 48, 64, 128, 256, 512]
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

/** An .ico whose entries are PNG images (ICONDIR + ICONDIRENTRY each + the PNG bytes). */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i
    header.writeUInt8(size >= 256 ? 0 : size, at) // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1)
    header.writeUInt8(0, at + 2) // no palette
    header.writeUInt8(0, at + 3)
    header.writeUInt16LE(1, at + 4) // colour planes
    header.writeUInt16LE(32, at + 6) // bits per pixel
    header.writeUInt32LE(png.length, at + 8)
    header.writeUInt32LE(offset, at + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...images.map((i) => i.png)])
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})
const page = await browser.newPage()
const rendered = new Map()
for (const size of new Set([...PNG_SIZES, ...ICO_SIZES])) {
  await page.setViewportSize({ width: size, height: size })
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  )
  rendered.set(size, await page.screenshot({ omitBackground: true, type: 'png' }))
}
await browser.close()

for (const size of PNG_SIZES) writeFileSync(join(dir, `${size}x${size}.png`), rendered.get(size))
writeFileSync(
  join(dir, 'icon.ico'),
  ico(ICO_SIZES.map((size) => ({ size, png: rendered.get(size) }))),
)
console.log(`icons written to ${dir}`)
