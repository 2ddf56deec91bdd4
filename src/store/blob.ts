/** Float32 probabilities as little-endian bytes, the same on every platform. */

export function encodeProbs(probs: Float32Array | Float64Array): Buffer {
  const buf = Buffer.alloc(probs.length * 4);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i < probs.length; i++) view.setFloat32(i * 4, probs[i], true);
  return buf;
}

export function decodeProbs(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`probs blob has ${bytes.byteLength} bytes, not a multiple of 4; the store is damaged`);
  const out = new Float32Array(bytes.byteLength / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
