/**
 * A minimal protocol-buffers reader, the counterpart of ProtoWriter: it walks
 * a message's fields (varint, 64-bit, length-delimited, 32-bit) and leaves the
 * meaning of each field number to the caller (see model_proto.ts).
 */
export interface ProtoField {
  field: number;
  wire: number;
  /** The varint (wire 0) as a bigint; for other wire types, 0n. */
  varint: bigint;
  /** The bytes of a length-delimited (2), 32-bit (5) or 64-bit (1) field; empty for varints. */
  bytes: Uint8Array;
}

export class ProtoDecodeError extends Error {
  override name = 'ProtoDecodeError';
}

export class ProtoReader {
  private pos = 0;

  constructor(
    private readonly buf: Uint8Array,
    /** Names the message in errors, e.g. "ModelProto.graph". */
    private readonly what: string,
  ) {}

  private fail(msg: string): never {
    throw new ProtoDecodeError(`${this.what}: ${msg} at byte ${this.pos} of ${this.buf.length}; the file is truncated or is not an ONNX protobuf`);
  }

  private readVarint(): bigint {
    let shift = 0n;
    let v = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) this.fail('varint runs past the end');
      const b = this.buf[this.pos++];
      v |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return v;
      shift += 7n;
      if (shift > 63n) this.fail('varint longer than 10 bytes');
    }
  }

  private take(n: number): Uint8Array {
    if (this.pos + n > this.buf.length) this.fail(`field of ${n} bytes runs past the end`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** The varints of a packed repeated field's payload. */
  *packedVarints(): Generator<bigint> {
    while (this.pos < this.buf.length) yield this.readVarint();
  }

  /** Every field of the message, in file order. */
  *fields(): Generator<ProtoField> {
    while (this.pos < this.buf.length) {
      const key = Number(this.readVarint());
      const field = key >>> 3;
      const wire = key & 7;
      if (field === 0) this.fail('field number 0');
      switch (wire) {
        case 0:
          yield { field, wire, varint: this.readVarint(), bytes: EMPTY };
          break;
        case 1:
          yield { field, wire, varint: 0n, bytes: this.take(8) };
          break;
        case 2:
          yield { field, wire, varint: 0n, bytes: this.take(Number(this.readVarint())) };
          break;
        case 5:
          yield { field, wire, varint: 0n, bytes: this.take(4) };
          break;
        default:
          this.fail(`unsupported wire type ${wire} (field ${field})`);
      }
    }
  }
}

const EMPTY = new Uint8Array(0);

/** A signed 64-bit varint as a number (exact up to 2^53, which covers dims, axes and indices). */
export function int64Of(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

export function stringOf(b: Uint8Array): string {
  return new TextDecoder().decode(b);
}

export function float32Of(b: Uint8Array): number {
  return new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);
}

/** A repeated varint field's values, packed (one length-delimited run) or one per field. */
export function varintsOf(f: ProtoField, what: string): bigint[] {
  if (f.wire === 0) return [f.varint];
  const out: bigint[] = [];
  for (const g of new ProtoReader(f.bytes, what).packedVarints()) out.push(g);
  return out;
}

/** A repeated 32-bit float field's values, packed or one per field. */
export function floatsOf(f: ProtoField): number[] {
  if (f.wire === 5) return [float32Of(f.bytes)];
  const dv = new DataView(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
  return Array.from({ length: f.bytes.byteLength >> 2 }, (_, i) => dv.getFloat32(4 * i, true));
}

/** A repeated 64-bit float field's values, packed or one per field. */
export function doublesOf(f: ProtoField): number[] {
  const dv = new DataView(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
  return Array.from({ length: f.bytes.byteLength >> 3 }, (_, i) => dv.getFloat64(8 * i, true));
}

