import { DataError } from './errors.js';

const FATAL = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a file that must be UTF-8, without a leading byte-order mark. Invalid bytes
 * are an error naming the byte offset and line, never silently replaced with U+FFFD.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return FATAL.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const fix = utf16
      ? 'the file looks like UTF-16; save it as UTF-8'
      : 'save the file as UTF-8 (for example `iconv -f latin1 -t utf-8 in > out`, or encoding="utf-8" in Python)';
    throw new DataError(file, `invalid UTF-8 at byte ${offset} (0x${hex(bytes[offset])}); ${fix}`, { line });
  }
}

/** Decode one value's bytes, or undefined when they are not valid UTF-8. */
export function tryDecodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return FATAL.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (length when all are valid). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    // Lead byte → sequence length and the allowed range of the second byte (no overlongs, surrogates or > U+10FFFF).
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) len = 2;
    else if (c >= 0xe0 && c <= 0xef) {
      len = 3;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      len = 4;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k < len; k++) {
      const x = b[i + k];
      if (x === undefined) return i;
      if (k === 1 ? x < lo || x > hi : x < 0x80 || x > 0xbf) return i;
    }
    i += len;
  }
  return i;
}

function hex(b: number | undefined): string {
  return (b ?? 0).toString(16).padStart(2, '0');
}
