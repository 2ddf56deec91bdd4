import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import type { Dataset } from '../tasks/types.js';
import { DataError } from './errors.js';
import type { UserDataOptions } from './options.js';
import { readInput } from './read.js';
import { rowsToDataset, type RawRow } from './rows.js';
import { firstInvalidUtf8, tryDecodeUtf8 } from './utf8.js';

/** Parquet (uncompressed or snappy). Missing values (null) count as missing fields. */
export async function loadParquet(file: string, opts: UserDataOptions = {}): Promise<Dataset> {
  return rowsToDataset(file, await readParquetRows(file), opts);
}

export async function readParquetRows(file: string): Promise<RawRow[]> {
  const buf = readInput(file);
  if (buf.byteLength === 0) throw new DataError(file, 'the file is empty; expected a Parquet file');
  const arrayBuffer = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  let objects: Record<string, unknown>[];
  try {
    const metadata = parquetMetadata(arrayBuffer);
    const names = parquetSchema(metadata).children.map((c) => c.element.name);
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated !== undefined) throw new DataError(file, `column '${repeated}' appears twice in the schema (a reader keeps only one); rename one of them`);
    objects = await parquetReadObjects({ file: arrayBuffer, metadata, parsers: { stringFromBytes } });
  } catch (err) {
    if (err instanceof DataError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new DataError(
      file,
      `cannot read as Parquet (${why}); write it with pyarrow/pandas (df.to_parquet(path, compression="snappy")) or use JSONL/CSV`,
    );
  }
  return objects.map((values, i) => ({ where: { row: i }, values: checkStrings(file, dropNulls(values), i) }));
}

/** A string value whose bytes are not UTF-8, kept to be reported with its row and column. */
class InvalidUtf8 {
  constructor(readonly bytes: Uint8Array) {}
}

function stringFromBytes(bytes: Uint8Array | undefined): string | InvalidUtf8 | undefined {
  if (!bytes) return undefined;
  return tryDecodeUtf8(bytes) ?? new InvalidUtf8(bytes);
}

function checkStrings(file: string, values: Record<string, unknown>, row: number): Record<string, unknown> {
  for (const [k, v] of Object.entries(values)) {
    if (v instanceof InvalidUtf8) {
      throw new DataError(file, `column '${k}' holds invalid UTF-8 (at byte ${firstInvalidUtf8(v.bytes)} of the value); write the strings as UTF-8`, { row });
    }
  }
  return values;
}

/** A null cell is reported as a missing field, naming the fields that row does have. */
function dropNulls(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
