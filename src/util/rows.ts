/** Rows of a row-major [n, width] matrix, copied in the order listed. */
export function takeRows(a: Float32Array, width: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) out.set(a.subarray(rows[i] * width, rows[i] * width + width), i * width);
  return out;
}
