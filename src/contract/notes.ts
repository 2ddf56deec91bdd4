export type Notes = Record<string, number | string | boolean>;

/** A method's notes as the store keeps them: scalar values only, keys and strings bounded (they come from untrusted code). */
export function cleanNotes(notes: unknown): Notes {
  const out: Notes = {};
  if (!notes || typeof notes !== 'object') return out;
  for (const [k, v] of Object.entries(notes).slice(0, 200)) {
    if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') out[k.slice(0, 100)] = v;
    else if (typeof v === 'string') out[k.slice(0, 100)] = v.slice(0, 1000);
  }
  return out;
}
