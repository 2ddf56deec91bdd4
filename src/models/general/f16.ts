/**
 * IEEE 754 half precision, as bit patterns in a Uint16Array: the shipped
 * ladder's weights are stored this way (half the bytes of float32). Rounding
 * is to nearest, ties to even; every half value converts back to float32
 * exactly, so a weight read from a file is the same number every time.
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The half-precision bits nearest to x (±Infinity past ±65504; NaN stays NaN). */
export function toHalfBits(x: number): number {
  f32[0] = x;
  const b = u32[0];
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  let mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  // A carry out of the mantissa moves into the exponent, which is the right rounding (up to Infinity).
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
  return sign | half;
}

/** The number a half-precision bit pattern holds. */
export function fromHalfBits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

/** Float32 values as half bits; throws when one is not finite or too large for half precision. */
export function toHalf(values: Float32Array, what: string): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const h = toHalfBits(values[i]);
    if ((h & 0x7c00) === 0x7c00) throw new Error(`${what}: value ${values[i]} at ${i} has no finite half-precision form (|x| <= 65504)`);
    out[i] = h;
  }
  return out;
}

/** Half bits as float32 values (exact). */
export function fromHalf(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = fromHalfBits(bits[i]);
  return out;
}

/** Rounds float32 values to the nearest half-precision ones (what storing and reading back gives). */
export function roundToHalf(values: Float32Array, what: string): Float32Array {
  return fromHalf(toHalf(values, what));
}
