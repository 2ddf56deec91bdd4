/** `--researchers KIND:N[,KIND:N…]`: how many researchers of each registered kind. */
import { listResearchers } from './researcher.js';

export interface ResearcherSpec { kind: string; count: number }

export function parseResearchers(text: string): ResearcherSpec[] {
  const kinds = listResearchers().map((k) => k.kind);
  const specs = text.split(',').map((s) => s.trim()).filter(Boolean).map((part) => {
    const m = /^([a-z][a-z0-9_-]*)(?::(\d+))?$/.exec(part);
    if (!m) throw new Error(`--researchers: "${part}" is not KIND or KIND:N (e.g. offline:2,openai:1)`);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (count < 1) throw new Error(`--researchers: "${part}" asks for ${count} researchers; give at least 1`);
    if (!kinds.includes(m[1])) throw new Error(`--researchers: unknown kind "${m[1]}"; the kinds are: ${kinds.join(', ') || '(none registered)'}`);
    return { kind: m[1], count };
  });
  if (specs.length === 0) throw new Error('--researchers: give at least one KIND:N (e.g. offline:2)');
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.kind)) throw new Error(`--researchers: kind "${s.kind}" is given twice; give it once with the total count`);
    seen.add(s.kind);
  }
  return specs;
}
