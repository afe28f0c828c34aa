#!/usr/bin/env node
/**
 * Signs an update feed's metadata for hall-kiosk terminals, on the release owner's machine:
 *
 *   node build/scripts/sign-update.mjs --key /media/usb/update-signing.pem dist/latest-linux.yml
 *   KIOSK_UPDATE_SIGNING_KEY=/media/usb/update-signing.pem node build/scripts/sign-update.mjs dist/*.yml
 *
 * writes `<metadata>.sig` beside each file: the base64 Ed25519 signature over the file's exact
 * bytes, which the terminal checks with build/update-key.pub.pem (electron/core/updates/). Upload
 * the `.sig` files with the metadata and installers; edit nothing after signing (also
 * `stagingPercentage`: edit it, then sign). Each signature is checked against the pinned public key
 * before it is written, so a wrong signing key is caught here, not on the terminals.
 *
 *   node build/scripts/sign-update.mjs --generate-key /media/usb/update-signing.pem
 *
 * makes a new key pair: the private key (mode 0600) where you say, never inside this repository,
 * and the public key into build/update-key.pub.pem to commit. Terminals built before the change
 * accept only updates signed with the old key: sign the release that brings the new key with the
 * old one.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const PINNED = resolve(ROOT, 'build/update-key.pub.pem')

function fail(message) {
  process.stderr.write(`sign-update: ${message}\n`)
  process.exit(2)
}

const inRepo = (path) => !relative(ROOT, resolve(path)).startsWith('..')

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    key: { type: 'string' },
    'generate-key': { type: 'string' },
    'public-key': { type: 'string' },
    help: { type: 'boolean' },
  },
})
const pinnedPath = values['public-key'] ?? PINNED

if (values.help) {
  process.stdout.write(
    'usage: sign-update.mjs --key PRIVATE.pem METADATA.yml…  (or KIOSK_UPDATE_SIGNING_KEY)\n' +
      '       sign-update.mjs --generate-key PRIVATE.pem\n',
  )
} else if (values['generate-key']) {
  const out = values['generate-key']
  if (inRepo(out)) fail('the private key must not be written inside the repository')
  if (existsSync(out)) fail(`${out} exists; not overwritten`)
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  writeFileSync(out, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 })
  writeFileSync(pinnedPath, publicKey.export({ type: 'spki', format: 'pem' }))
  process.stdout.write(`private key: ${out} (keep it offline)\npublic key: ${pinnedPath}\n`)
} else {
  const keyPath = values.key ?? process.env.KIOSK_UPDATE_SIGNING_KEY
  if (!keyPath) fail('name the private key: --key PATH or KIOSK_UPDATE_SIGNING_KEY=PATH')
  if (inRepo(keyPath)) fail('the private key is inside the repository: move it out (and rotate it)')
  if (positionals.length === 0) fail('name the metadata files to sign (e.g. dist/latest-linux.yml)')
  let privateKey
  try {
    privateKey = createPrivateKey(readFileSync(keyPath))
  } catch (err) {
    fail(`cannot read the private key: ${err.message}`)
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') fail('the private key is not an Ed25519 key')
  const pinned = createPublicKey(readFileSync(pinnedPath))
  for (const file of positionals) {
    const bytes = readFileSync(file)
    const signature = sign(null, bytes, privateKey)
    if (!verify(null, bytes, pinned, signature)) {
      fail(`this private key does not match ${relative(process.cwd(), pinnedPath)}: not signed`)
    }
    writeFileSync(`${file}.sig`, `${signature.toString('base64')}\n`)
    process.stdout.write(`signed ${file} → ${file}.sig\n`)
  }
}
