/**
 * Starting directions, one per researcher in a run (researcher i gets entry
 * i mod length): the first thing it is asked to explore, so that parallel
 * researchers do not all start from the same idea. LLM researchers read the
 * text; the offline researcher's starting point is its rotation of the
 * hand-written recipes (recipe.ts), whatever the text.
 */
export const DIRECTIONS: readonly string[] = [
  'data reweighting: weigh or select transfer examples by how much the weak label can be trusted (confidence, quantiles, disagreement with a first student or a probe)',
  'posterior labels from a noisy-channel model of the teacher: fit how the weak supervisor errs (per class, per confidence, against other supervisors) and train on the posterior',
  'consistency and unsupervised elicitation: labels that are consistent across similar examples in the strong model\'s features, named by the weak labels',
  'distillation tricks: temperature, label smoothing, auxiliary confidence (logconf), product of experts, bootstrap rounds, early stopping',
  'representation probes: kNN or linear probes on the strong features to relabel or filter the weak labels',
];

export function directionFor(index: number): string {
  return DIRECTIONS[index % DIRECTIONS.length];
}
