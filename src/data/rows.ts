import { basename, extname } from 'node:path';
import type { Dataset, Example } from '../tasks/types.js';
import { DataError } from './errors.js';
import { classify } from './classes.js';
import { describeWhere, type Where } from './labels.js';
import type { UserDataOptions } from './options.js';

/** One parsed record of a tabular file, with its 1-based line (JSONL/CSV) or row (Parquet). */
export interface RawRow {
  where: Where;
  values: Record<string, unknown>;
}

export function datasetName(file: string, opts: UserDataOptions): string {
  return opts.name ?? basename(file, extname(file));
}

/** Turn tabular records into a Dataset, checking every field the options name. */
export function rowsToDataset(file: string, rows: readonly RawRow[], opts: UserDataOptions): Dataset {
  if (rows.length === 0) {
    throw new DataError(file, 'the file has no data rows; add examples (one per line/row) or pick another file');
  }
  const name = datasetName(file, opts);
  const textField = opts.textField ?? 'text';
  const labelField = opts.labelField ?? 'label';
  const featureCols = opts.featuresField ? featureColumns(file, rows[0], opts.featuresField) : undefined;
  const kind = featureCols ? 'features' : 'text';

  const rawLabels: unknown[] = [];
  const partial: Omit<Example, 'label'>[] = [];
  const idWhere = new Map<string, Where>();
  let featureDim: number | undefined;
  rows.forEach((row, i) => {
    const get = (field: string, flag: string): unknown => {
      if (!(field in row.values)) {
        const have = Object.keys(row.values);
        throw new DataError(
          file,
          `missing field '${field}'; this ${row.where.line !== undefined ? 'line' : 'row'} has fields: ` +
            `${have.length ? have.join(', ') : '(none)'}. Add the field or pass ${flag} with one of these`,
          row.where,
        );
      }
      return row.values[field];
    };
    rawLabels.push(get(labelField, '--label-field'));
    const ex: Omit<Example, 'label'> = { id: `${name}-${i}` };
    if (opts.idField) {
      ex.id = scalarText(get(opts.idField, '--id-field'), file, opts.idField, row.where);
      const prev = idWhere.get(ex.id);
      if (prev) throw new DataError(file, `id '${ex.id}' repeats (first at ${describeWhere(prev)}); ids must be unique: fix or remove one of the two`, row.where);
      idWhere.set(ex.id, row.where);
    }
    if (opts.groupField) ex.group = scalarText(get(opts.groupField, '--group-field'), file, opts.groupField, row.where);
    if (featureCols) {
      const values = featureCols.prefix
        ? featureCols.columns.map((c) => get(c, '--features-field'))
        : toArray(get(featureCols.columns[0], '--features-field'), file, featureCols.columns[0], row.where);
      ex.features = toFeatures(values, file, featureCols.columns, featureCols.prefix, row.where);
      featureDim ??= ex.features.length;
      if (ex.features.length !== featureDim) {
        throw new DataError(file, `has ${ex.features.length} features but earlier rows have ${featureDim}; every row needs the same number`, row.where);
      }
    } else {
      const text = get(textField, '--text-field');
      if (typeof text !== 'string' && !(typeof text === 'number' && Number.isFinite(text))) {
        throw new DataError(file, `text field '${textField}' is ${JSON.stringify(text)}; it must be a string`, row.where);
      }
      ex.text = String(text);
    }
    partial.push(ex);
  });

  const { classes, labels } = classify(rawLabels, file, { field: labelField, type: opts.labelType, whereOf: (i) => rows[i].where });
  return {
    name,
    classes,
    kind,
    ...(featureDim !== undefined ? { featureDim } : {}),
    examples: partial.map((ex, i) => ({ ...ex, label: labels[i] })),
    description: `user data from ${file}: ${rows.length} examples, classes ${classes.join(', ')}`,
  };
}

function scalarText(v: unknown, file: string, field: string, where: Where): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  throw new DataError(file, `field '${field}' is ${JSON.stringify(v)}; it must be a string or number`, where);
}

function featureColumns(file: string, first: RawRow, spec: string): { columns: string[]; prefix: boolean } {
  if (!spec.endsWith('*')) return { columns: [spec], prefix: false };
  const p = spec.slice(0, -1);
  const columns = Object.keys(first.values).filter((k) => k.startsWith(p));
  if (columns.length === 0) {
    throw new DataError(file, `no columns start with '${p}' (from --features-field ${spec}); columns: ${Object.keys(first.values).join(', ')}`, first.where);
  }
  return { columns, prefix: true };
}

function toArray(v: unknown, file: string, field: string, where: Where): unknown[] {
  if (Array.isArray(v)) return v;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<unknown>);
  if (typeof v === 'string') {
    const s = v.trim();
    if (s.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(s.replace(/\b(NaN|-?Infinity)\b/g, '"$1"'));
        if (Array.isArray(parsed)) return parsed;
      } catch {
        throw new DataError(file, `features field '${field}' is not a valid JSON array: ${s.slice(0, 40)}`, where);
      }
    }
    return s.length ? s.split(/[\s;,]+/) : [];
  }
  throw new DataError(file, `features field '${field}' is ${JSON.stringify(v)}; it must be an array of numbers`, where);
}

function toFeatures(values: unknown[], file: string, columns: string[], prefix: boolean, where: Where): Float32Array {
  const out = new Float32Array(values.length);
  values.forEach((v, j) => {
    const n = toNumber(v);
    const col = prefix ? `column '${columns[j]}'` : `'${columns[0]}'[${j}]`;
    if (n === undefined) throw new DataError(file, `feature ${col} is ${JSON.stringify(v)}, not a number`, where);
    if (!Number.isFinite(n)) {
      throw new DataError(file, `feature ${col} (column ${j}) is ${n}; features must be finite: impute or drop this row`, where);
    }
    out[j] = n;
  });
  if (out.length === 0) throw new DataError(file, 'the features are empty; each row needs at least one feature', where);
  return out;
}

/** A number from a JSON/CSV/Parquet value, accepting NaN/inf spellings; undefined if not numeric. */
function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^[-+]?nan$/i.test(s)) return NaN;
  if (/^[-+]?inf(inity)?$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  const n = s.length ? Number(s) : NaN;
  return Number.isNaN(n) ? undefined : n;
}
