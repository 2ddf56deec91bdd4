import type { LabelType } from './labels.js';

/** How to read a user's data file. Every field has a default, listed per format. */
export interface UserDataOptions {
  /** Text column (JSONL/CSV/Parquet). Default 'text'. */
  textField?: string;
  /** Label column (default 'label'), or label tensor for safetensors (default 'labels'). */
  labelField?: string;
  /** How labels become classes: 'auto' (default), 'number' or 'string'; see LabelType. */
  labelType?: LabelType;
  /** Optional subset column, reported per group. */
  groupField?: string;
  /** Optional id column; default ids are `<name>-<row>`. Ids must be unique. */
  idField?: string;
  /**
   * Feature column holding a numeric array (or, in CSV, a JSON array or space/semicolon-separated
   * numbers), or a prefix ending in '*' that selects numeric columns (`f*` → f0, f1, …).
   * For safetensors: the features tensor (default 'features'). Setting it makes the dataset kind 'features'.
   */
  featuresField?: string;
  /** Labels for .npy/safetensors features: a .npy, .json (array) or .txt (one per line) file. */
  labelsPath?: string;
  /** Dataset name; default: the file name without its extension. */
  name?: string;
}
