/**
 * A string-interning hash table for n-grams given as spans of a longer string
 * (`src[start, start + len)`): looking a span up allocates nothing, so a text's
 * thousands of n-grams cost no substrings, only new n-grams are copied out.
 * Open addressing with linear probing on a 32-bit FNV-1a hash of the UTF-16
 * code units; every hit is verified character by character, so ids are exact.
 */
export class GramTable {
  private slots = new Int32Array(1 << 12).fill(-1);
  private slotHash = new Int32Array(1 << 12);
  /** The n-gram of each id, in first-seen order. */
  readonly grams: string[] = [];

  get size(): number {
    return this.grams.length;
  }

  /** The id of the span, or -1 when it is not in the table. */
  find(src: string, start: number, len: number): number {
    const h = hashSpan(src, start, len);
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const id = this.slots[i];
      if (id < 0) return -1;
      if (this.slotHash[i] === h && sameSpan(this.grams[id], src, start, len)) return id;
    }
  }

  /** The id of the span, adding it when new. */
  intern(src: string, start: number, len: number): number {
    const h = hashSpan(src, start, len);
    const mask = this.slots.length - 1;
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const id = this.slots[i];
      if (id < 0) break;
      if (this.slotHash[i] === h && sameSpan(this.grams[id], src, start, len)) return id;
    }
    const id = this.grams.length;
    this.grams.push(src.slice(start, start + len));
    this.slots[i] = id;
    this.slotHash[i] = h;
    if (2 * this.grams.length > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const size = 2 * this.slots.length;
    const slots = new Int32Array(size).fill(-1);
    const slotHash = new Int32Array(size);
    const mask = size - 1;
    for (let j = 0; j < this.slots.length; j++) {
      const id = this.slots[j];
      if (id < 0) continue;
      let i = this.slotHash[j] & mask;
      while (slots[i] >= 0) i = (i + 1) & mask;
      slots[i] = id;
      slotHash[i] = this.slotHash[j];
    }
    this.slots = slots;
    this.slotHash = slotHash;
  }
}

function hashSpan(src: string, start: number, len: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < start + len; k++) h = Math.imul(h ^ src.charCodeAt(k), 0x01000193);
  return h;
}

function sameSpan(gram: string, src: string, start: number, len: number): boolean {
  if (gram.length !== len) return false;
  for (let k = 0; k < len; k++) if (gram.charCodeAt(k) !== src.charCodeAt(start + k)) return false;
  return true;
}
