import { describe, expect, it } from 'vitest';
import { fromHalf, fromHalfBits, roundToHalf, toHalf, toHalfBits } from './f16.js';

describe('half precision', () => {
  it('encodes known values exactly', () => {
    expect([1, -2, 0.5, 65504, 2 ** -14, 2 ** -24, 0].map(toHalfBits)).toEqual([0x3c00, 0xc000, 0x3800, 0x7bff, 0x0400, 0x0001, 0]);
    expect(toHalfBits(-0)).toBe(0x8000);
    expect(toHalfBits(Infinity)).toBe(0x7c00);
    expect(Number.isNaN(fromHalfBits(toHalfBits(NaN)))).toBe(true);
  });

  it('rounds to nearest, ties to even', () => {
    const ulp = 2 ** -10;
    expect(toHalfBits(1 + ulp / 2)).toBe(0x3c00); // tie: stays on the even 1.0
    expect(toHalfBits(1 + 1.5 * ulp)).toBe(0x3c02); // tie: up to the even mantissa
    expect(toHalfBits(1 + ulp * 0.51)).toBe(0x3c01);
    expect(toHalfBits(65519)).toBe(0x7bff);
    expect(toHalfBits(65520)).toBe(0x7c00); // rounds past the largest half: Infinity
    expect(toHalfBits(3 * 2 ** -25)).toBe(0x0002); // subnormal tie to even
  });

  it('every half value converts back to float32 and to the same bits', () => {
    const bits = Uint16Array.from({ length: 0x7c00 }, (_, i) => i);
    const values = fromHalf(bits);
    expect(toHalf(values, 'all')).toEqual(bits);
    expect(roundToHalf(values, 'all')).toEqual(values);
  });

  it('refuses values half precision cannot hold', () => {
    expect(() => toHalf(Float32Array.of(1, 1e6), 'w')).toThrow(/w: value 1000000 at 1 has no finite half-precision form/);
    expect(() => toHalf(Float32Array.of(NaN), 'w')).toThrow(/no finite half-precision form/);
  });
});
