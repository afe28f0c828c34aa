import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { makeFilePrivate, PRIVATE_FILE_MODE } from './private-files'

/**
 * Replaces `path` with `data` so that after a crash or power loss the file holds either the old or
 * the new content in full: write a temp file, fsync it, rename it over `path`, fsync the folder (so
 * the rename itself is durable). Throws on any failure, leaving the old file in place. The temp
 * file, and so `path` after the rename, is 0600 (private-files.ts).
 */
export function writeFileDurably(path: string, data: Uint8Array): void {
  const tempPath = `${path}.tmp`
  try {
    const fd = openSync(tempPath, 'w', PRIVATE_FILE_MODE)
    try {
      makeFilePrivate(fd)
      let written = 0
      while (written < data.length) {
        written += writeSync(fd, data, written, data.length - written)
      }
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tempPath, path)
  } catch (error) {
    rmSync(tempPath, { force: true })
    throw error
  }
  syncFolder(dirname(path))
}

function syncFolder(folder: string): void {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return
  const fd = openSync(folder, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
