import { DIRECTIONS, directionText, type Direction } from './llm/directions.js';

/**
 * Starting directions, one per researcher in a run (researcher i gets entry
 * i mod length): the first thing it is asked to explore, so that parallel
 * researchers do not all start from the same idea. The list lives with the
 * LLM researchers (src/research/llm/directions.ts), which read its text; the
 * offline researcher's starting point is its rotation of the hand-written
 * recipes (recipe.ts), whatever the text.
 */
export { DIRECTIONS, type Direction };

export function directionFor(index: number): string {
  const n = DIRECTIONS.length;
  return directionText(DIRECTIONS[((index % n) + n) % n].id);
}
