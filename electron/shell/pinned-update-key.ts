/**
 * The update signing key's public half, pinned in the build: `build/update-key.pub.pem` is
 * embedded into the main bundle at build time (Vite `?raw`), so swapping a file on the terminal
 * does not change which signatures it trusts. The private half lives offline with the release
 * owner and is never on a terminal or in the repository (docs/deployment.md, "Hardening").
 */
import pem from '../../build/update-key.pub.pem?raw'

/** PEM (SPKI) of the Ed25519 key every update's metadata must be signed with. */
export const PINNED_UPDATE_KEY_PEM: string = pem
