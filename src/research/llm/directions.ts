/**
 * Starting directions, one per researcher: diverse starting points kept the
 * 2026 study's researchers from converging on one idea. `w2s research` hands
 * them out in order (researcher i gets DIRECTIONS[i mod n]); a researcher's
 * `direction` may be one of these ids or any text of its own.
 */
export interface Direction {
  id: string;
  title: string;
  brief: string;
}

export const DIRECTIONS: readonly Direction[] = [
  {
    id: 'reweighting',
    title: 'Data reweighting',
    brief: 'Weight transfer examples instead of treating them alike: by the teacher\'s confidence, by agreement between the teacher and a first-pass student, by how surprising a label is under the student\'s prior. Per-row weights go to student.train({ weights }).',
  },
  {
    id: 'noisy-channel',
    title: 'Posterior labels from a noisy-channel model of the teacher',
    brief: 'Model the teacher as a noisy channel from the true class (a confusion matrix, perhaps depending on its confidence) and the student\'s features as evidence; fit it by EM without ground truth and train on the posterior over the true class instead of the raw weak labels.',
  },
  {
    id: 'consistency',
    title: 'Consistency and unsupervised elicitation',
    brief: 'Let the strong representation decide: labels that are mutually predictable and consistent across similar examples (clusters, neighbours, groups where the task declares them), with the weak labels only naming which side is which.',
  },
  {
    id: 'distillation',
    title: 'Distillation tricks',
    brief: 'Change how the student learns from soft targets: temperature, label smoothing, reverse-KL or other losses, confidence-auxiliary losses (logconf), born-again rounds where a fresh student learns from the previous one.',
  },
  {
    id: 'probes',
    title: 'Representation probes',
    brief: 'Read the strong features directly: kNN and logistic probes fitted to weak labels (never letting a point vote for itself), difference-of-means and PCA directions, low-rank projections; relabel, filter or regularise the student with them.',
  },
  {
    id: 'selection',
    title: 'Example selection',
    brief: 'Choose which transfer examples the student learns from: confidence windows, per-class quantiles, student–teacher disagreement, curricula from easy to hard; measure what a filter keeps and what it costs in coverage.',
  },
  {
    id: 'simplicity',
    title: 'Simplicity bias and regularisation',
    brief: 'Keep the student from fitting the teacher\'s errors: linear heads on low-rank projections of the features, strong weight decay, early stopping on weak-labelled val, fewer epochs; the teacher\'s errors are harder to fit than the signal.',
  },
  {
    id: 'ensembles',
    title: 'Combining supervisors',
    brief: 'Where the challenge gives more than one supervisor (extraSupervisors: bootstrap refits of the weak model, labeling functions), combine them: votes, accuracy-weighted votes, label models fitted without ground truth, with correlated supervisors counted once.',
  },
];

/** The text of a direction given by id, or the given text itself. */
export function directionText(direction: string): string {
  const d = DIRECTIONS.find((x) => x.id === direction);
  return d ? `${d.title}. ${d.brief}` : direction;
}

/** The direction of the i-th researcher of a run (0-based), cycling through the list. */
export const directionFor = (i: number): Direction => DIRECTIONS[((i % DIRECTIONS.length) + DIRECTIONS.length) % DIRECTIONS.length];
