/**
 * A minimal Parquet writer (one row group, PLAIN encoding, uncompressed, data page v1) for
 * tests and small exports. Columns: required or optional scalars, and required lists of floats.
 */
import { concat } from './fixtures.js';

export type ParquetColumn =
  | { name: string; type: 'string' | 'int32' | 'int64' | 'double'; values: (string | number | null)[]; optional?: boolean }
  | { name: string; type: 'float_list'; values: number[][] };

const T = { int32: 1, int64: 2, float: 4, double: 5, byteArray: 6 };
const REP = { required: 0, optional: 1, repeated: 2 };

class Compact {
  bytes: number[] = [];
  private last: number[] = [0];
  varint(n: bigint | number): void {
    let v = BigInt(n);
    do {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      this.bytes.push(v ? b | 0x80 : b);
    } while (v);
  }
  zigzag(n: number | bigint): void {
    const v = BigInt(n);
    this.varint(v >= 0n ? v << 1n : ((-v) << 1n) - 1n);
  }
  field(id: number, type: number): void {
    const delta = id - this.last[this.last.length - 1];
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else {
      this.bytes.push(type);
      this.zigzag(id);
    }
    this.last[this.last.length - 1] = id;
  }
  i32(id: number, v: number): void {
    this.field(id, 5);
    this.zigzag(v);
  }
  i64(id: number, v: number): void {
    this.field(id, 6);
    this.zigzag(v);
  }
  str(id: number, s: string): void {
    this.field(id, 8);
    const b = new TextEncoder().encode(s);
    this.varint(b.length);
    this.bytes.push(...b);
  }
  struct(id: number, body: () => void): void {
    this.field(id, 12);
    this.inner(body);
  }
  inner(body: () => void): void {
    this.last.push(0);
    body();
    this.bytes.push(0);
    this.last.pop();
  }
  list(id: number, elemType: number, n: number, each: (i: number) => void): void {
    this.field(id, 9);
    if (n < 15) this.bytes.push((n << 4) | elemType);
    else {
      this.bytes.push(0xf0 | elemType);
      this.varint(n);
    }
    for (let i = 0; i < n; i++) each(i);
  }
}

/** RLE/bit-packed hybrid levels (bit width 1), with the 4-byte length prefix of data page v1. */
function levels(values: number[]): Uint8Array {
  const c = new Compact();
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j < values.length && values[j] === values[i]) j++;
    c.varint((j - i) << 1);
    c.bytes.push(values[i]);
    i = j;
  }
  const out = new Uint8Array(4 + c.bytes.length);
  new DataView(out.buffer).setUint32(0, c.bytes.length, true);
  out.set(c.bytes, 4);
  return out;
}

function plain(type: string, values: (string | number)[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const v of values) {
    const size = type === 'string' ? 0 : type === 'int32' || type === 'float' ? 4 : 8;
    if (type === 'string') {
      const b = new TextEncoder().encode(String(v));
      const p = new Uint8Array(4 + b.length);
      new DataView(p.buffer).setUint32(0, b.length, true);
      p.set(b, 4);
      parts.push(p);
      continue;
    }
    const p = new Uint8Array(size);
    const dv = new DataView(p.buffer);
    if (type === 'int32') dv.setInt32(0, Number(v), true);
    else if (type === 'int64') dv.setBigInt64(0, BigInt(v), true);
    else if (type === 'float') dv.setFloat32(0, Number(v), true);
    else dv.setFloat64(0, Number(v), true);
    parts.push(p);
  }
  return concat(parts);
}

export function parquetBytes(columns: ParquetColumn[]): Uint8Array {
  const numRows = columns[0]?.values.length ?? 0;
  const chunks: Uint8Array[] = [new TextEncoder().encode('PAR1')];
  let offset = 4;
  const metas: { col: ParquetColumn; offset: number; size: number; numValues: number }[] = [];
  for (const col of columns) {
    let page: Uint8Array;
    let numValues: number;
    if (col.type === 'float_list') {
      const rep: number[] = [];
      const flat: number[] = [];
      for (const row of col.values) row.forEach((x, k) => (rep.push(k === 0 ? 0 : 1), flat.push(x)));
      numValues = flat.length;
      page = concat([levels(rep), levels(flat.map(() => 1)), plain('float', flat)]);
    } else {
      const present = col.values.filter((v): v is string | number => v !== null);
      numValues = col.values.length;
      const data = plain(col.type, present);
      page = col.optional ? concat([levels(col.values.map((v) => (v === null ? 0 : 1))), data]) : data;
    }
    const h = new Compact();
    h.i32(1, 0);
    h.i32(2, page.length);
    h.i32(3, page.length);
    h.struct(5, () => {
      h.i32(1, numValues);
      h.i32(2, 0);
      h.i32(3, 3);
      h.i32(4, 3);
    });
    h.bytes.push(0);
    const chunk = concat([Uint8Array.from(h.bytes), page]);
    metas.push({ col, offset, size: chunk.length, numValues });
    chunks.push(chunk);
    offset += chunk.length;
  }
  const m = new Compact();
  m.i32(1, 1);
  const schema: (() => void)[] = [() => (m.str(4, 'schema'), m.i32(5, columns.length))];
  for (const col of columns) {
    if (col.type === 'float_list') {
      schema.push(() => (m.i32(3, REP.required), m.str(4, col.name), m.i32(5, 1), m.i32(6, 3)));
      schema.push(() => (m.i32(3, REP.repeated), m.str(4, 'list'), m.i32(5, 1)));
      schema.push(() => (m.i32(1, T.float), m.i32(3, REP.required), m.str(4, 'element')));
    } else {
      const t = { string: T.byteArray, int32: T.int32, int64: T.int64, double: T.double }[col.type];
      schema.push(() => {
        m.i32(1, t);
        m.i32(3, col.optional ? REP.optional : REP.required);
        m.str(4, col.name);
        if (col.type === 'string') m.i32(6, 0);
      });
    }
  }
  m.list(2, 12, schema.length, (i) => m.inner(schema[i]));
  m.i64(3, numRows);
  m.list(4, 12, 1, () =>
    m.inner(() => {
      m.list(1, 12, metas.length, (i) =>
        m.inner(() => {
          const { col, offset: off, size, numValues } = metas[i];
          m.i64(2, off);
          m.struct(3, () => {
            const t = col.type === 'float_list' ? T.float : { string: T.byteArray, int32: T.int32, int64: T.int64, double: T.double }[col.type];
            m.i32(1, t);
            m.list(2, 5, 2, (k) => m.zigzag([0, 3][k]));
            const path = col.type === 'float_list' ? [col.name, 'list', 'element'] : [col.name];
            m.list(3, 8, path.length, (k) => {
              const b = new TextEncoder().encode(path[k]);
              m.varint(b.length);
              m.bytes.push(...b);
            });
            m.i32(4, 0);
            m.i64(5, numValues);
            m.i64(6, size);
            m.i64(7, size);
            m.i64(9, off);
          });
        }),
      );
      m.i64(2, offset - 4);
      m.i64(3, numRows);
    }),
  );
  m.bytes.push(0);
  const meta = Uint8Array.from(m.bytes);
  const tail = new Uint8Array(8);
  new DataView(tail.buffer).setUint32(0, meta.length, true);
  tail.set(new TextEncoder().encode('PAR1'), 4);
  return concat([...chunks, meta, tail]);
}
