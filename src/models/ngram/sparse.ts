/** Compressed sparse rows: row i holds `indices[indptr[i]..indptr[i+1])` with their `values`. */
export interface Csr {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Builds a CSR matrix row by row; each row's entries are given as parallel lists. */
export class CsrBuilder {
  private readonly indptr: number[] = [0];
  private indices: Int32Array;
  private values: Float32Array;
  private nnz = 0;

  constructor(readonly cols: number, capacity = 1024) {
    this.indices = new Int32Array(capacity);
    this.values = new Float32Array(capacity);
  }

  addRow(indices: ArrayLike<number>, values: ArrayLike<number>): void {
    const need = this.nnz + indices.length;
    if (need > this.indices.length) {
      const cap = Math.max(need, 2 * this.indices.length);
      const i = new Int32Array(cap);
      i.set(this.indices.subarray(0, this.nnz));
      const v = new Float32Array(cap);
      v.set(this.values.subarray(0, this.nnz));
      [this.indices, this.values] = [i, v];
    }
    for (let k = 0; k < indices.length; k++) {
      this.indices[this.nnz] = indices[k];
      this.values[this.nnz++] = values[k];
    }
    this.indptr.push(this.nnz);
  }

  build(): Csr {
    return {
      rows: this.indptr.length - 1,
      cols: this.cols,
      indptr: Int32Array.from(this.indptr),
      indices: this.indices.slice(0, this.nnz),
      values: this.values.slice(0, this.nnz),
    };
  }
}
