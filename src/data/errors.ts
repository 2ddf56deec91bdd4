/**
 * A problem with a user's data file. The message names the file, where in it (1-based line
 * for JSONL/CSV; 0-based row for Parquet, .npy and safetensors, as pandas and numpy count),
 * what is wrong, and how to fix it.
 */
export class DataError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly row?: number;

  constructor(file: string, message: string, where: { line?: number; row?: number } = {}) {
    const loc = where.line !== undefined ? `, line ${where.line}` : where.row !== undefined ? `, row ${where.row}` : '';
    super(`${file}${loc}: ${message}`);
    this.name = 'DataError';
    this.file = file;
    this.line = where.line;
    this.row = where.row;
  }
}
