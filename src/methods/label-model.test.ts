import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { blockOutcomes, dawidSkene, supervisorBlocks } from './label-model.js';
import { temperedPosterior } from './label-model-posterior.js';
import { majorityVote } from './votes.js';
import { noisyVotes } from './testing.js';

const ACCURACIES = [0.9, 0.8, 0.7, 0.65, 0.6];

function drawTruth(n: number, k: number, rng: Rng, prior?: number[]): Int32Array {
  return Int32Array.from({ length: n }, () => {
    if (!prior) return rng.int(k);
    let r = rng.next();
    for (let c = 0; c < k; c++) if ((r -= prior[c]) < 0) return c;
    return k - 1;
  });
}

/** Columns of votes [n] as a row-major [n, m] vote matrix. */
function stack(cols: Int32Array[]): Int32Array {
  const n = cols[0].length;
  const m = cols.length;
  const votes = new Int32Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) votes[i * m + j] = cols[j][i];
  return votes;
}

/** n rows, m conditionally independent supervisors with the given accuracies (symmetric noise), and the truth. */
function synthetic(n: number, k: number, accuracies: number[], seed: number, coverage = 1, prior?: number[]) {
  const rng = new Rng(seed);
  const truth = drawTruth(n, k, rng, prior);
  const votes = stack(accuracies.map((a) => noisyVotes(truth, k, a, rng, coverage)));
  return { truth, votes, m: accuracies.length };
}

/** A one-sided labeling function: votes `label` on a `fires[c]` share of the rows of true class c, abstains elsewhere. */
function oneSided(truth: Int32Array, label: number, fires: number[], rng: Rng): Int32Array {
  return Int32Array.from(truth, (y) => (rng.next() < fires[y] ? label : -1));
}

/** Each supervisor's accuracy where it votes and its coverage, measured against the truth. */
function measured(votes: Int32Array, m: number, truth: Int32Array) {
  return Array.from({ length: m }, (_, j) => {
    let voted = 0;
    let right = 0;
    truth.forEach((y, i) => {
      const v = votes[i * m + j];
      if (v < 0) return;
      voted++;
      right += v === y ? 1 : 0;
    });
    return { accuracy: right / voted, coverage: voted / truth.length };
  });
}

function accuracy(probs: Float32Array, truth: Int32Array, k: number): number {
  let right = 0;
  truth.forEach((y, i) => {
    let b = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + b]) b = c;
    right += b === y ? 1 : 0;
  });
  return right / truth.length;
}

describe('Dawid–Skene label model', () => {
  for (const k of [2, 3]) {
    it(`recovers 5 supervisors' accuracies within ±0.03 and beats majority vote (k = ${k}, n = 5000)`, () => {
      const { truth, votes, m } = synthetic(5000, k, ACCURACIES, 10 + k);
      const lm = dawidSkene(votes, m, k);
      expect(lm.converged).toBe(true);
      ACCURACIES.forEach((a, j) => expect(Math.abs(lm.accuracy[j] - a)).toBeLessThan(0.03));
      for (let c = 0; c < k; c++) expect(lm.prior[c]).toBeCloseTo(1 / k, 1);
      const lmAcc = accuracy(lm.posterior, truth, k);
      const mvAcc = accuracy(majorityVote(votes, m, k), truth, k);
      expect(lmAcc).toBeGreaterThan(mvAcc);
      // The posterior is a distribution per row, and so is each confusion row (abstention included).
      for (let i = 0; i < 50; i++) expect([...lm.posterior.subarray(i * k, i * k + k)].reduce((a, b) => a + b)).toBeCloseTo(1, 5);
      for (let r = 0; r < m * k; r++) expect([...lm.confusion.subarray(r * (k + 1), (r + 1) * (k + 1))].reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    });
  }
  it('handles abstentions at random and a skewed class prior', () => {
    const { truth, votes, m } = synthetic(5000, 2, ACCURACIES, 7, 0.6, [0.7, 0.3]);
    const lm = dawidSkene(votes, m, 2);
    ACCURACIES.forEach((a, j) => expect(Math.abs(lm.accuracy[j] - a)).toBeLessThan(0.04));
    lm.coverage.forEach((c) => expect(c).toBeCloseTo(0.6, 1));
    expect(lm.prior[0]).toBeCloseTo(0.7, 1);
    expect(accuracy(lm.posterior, truth, 2)).toBeGreaterThan(accuracy(majorityVote(votes, m, 2), truth, 2));
  });
  it('where supervisors abstain at random, a row nobody votes on gets (about) the class prior', () => {
    const { votes, m } = synthetic(5000, 2, ACCURACIES, 8, 0.4, [0.7, 0.3]);
    const lm = dawidSkene(votes, m, 2);
    const silent = Array.from({ length: 5000 }, (_, i) => i).filter((i) => votes.subarray(i * m, (i + 1) * m).every((v) => v < 0));
    expect(silent.length).toBeGreaterThan(200);
    for (const i of silent) expect(Math.abs(lm.posterior[i * 2] - lm.prior[0])).toBeLessThan(0.05);
  });
  it('rejects votes that are not classes, and sources of the wrong length', () => {
    expect(() => dawidSkene(Int32Array.from([0, 2]), 2, 2)).toThrow(/not a class/);
    expect(() => dawidSkene(Int32Array.from([0, 1]), 2, 2, { sources: [0] })).toThrow(/1 sources for 2 supervisors/);
  });
});

describe('one-sided labeling functions (they vote one class or abstain)', () => {
  // A weak model that votes everywhere at 0.8, and four rules of the spam kind: each votes one
  // class when it fires, and fires far more often on that class. True prior 0.65 / 0.35.
  const rng = new Rng(21);
  const truth = drawTruth(5000, 2, rng, [0.65, 0.35]);
  const cols = [
    noisyVotes(truth, 2, 0.8, rng),
    oneSided(truth, 1, [0.01, 0.4], rng),
    oneSided(truth, 1, [0.005, 0.25], rng),
    oneSided(truth, 0, [0.3, 0.02], rng),
    oneSided(truth, 0, [0.2, 0], rng),
  ];
  const votes = stack(cols);
  const m = cols.length;
  const truthStats = measured(votes, m, truth);
  const lm = dawidSkene(votes, m, 2);

  it('estimates every supervisor’s accuracy where it votes within ±0.03 of the measured one, and its coverage exactly', () => {
    truthStats.forEach((t, j) => {
      expect(Math.abs(lm.accuracy[j] - t.accuracy)).toBeLessThan(0.03);
      expect(lm.coverage[j]).toBeCloseTo(t.coverage, 12);
    });
    expect(lm.prior[1]).toBeCloseTo(0.35, 1);
  });
  it('recovers how often each rule fires on each class (the abstention column) within ±0.03', () => {
    const fires = [[1, [0.01, 0.4]], [2, [0.005, 0.25]], [3, [0.3, 0.02]], [4, [0.2, 0]]] as const;
    for (const [j, rates] of fires) {
      for (let c = 0; c < 2; c++) expect(Math.abs(1 - lm.confusion[(j * 2 + c) * 3 + 2] - rates[c])).toBeLessThan(0.03);
    }
  });
  it('uses the rules: its posterior beats the weak model alone and the majority vote', () => {
    const weakAlone = accuracy(majorityVote(cols[0], 1, 2), truth, 2);
    expect(accuracy(lm.posterior, truth, 2)).toBeGreaterThan(weakAlone + 0.05);
    expect(accuracy(lm.posterior, truth, 2)).toBeGreaterThan(accuracy(majorityVote(votes, m, 2), truth, 2));
  });
  it('the tempered posterior uses the rules too, through when they fire and when they abstain', () => {
    const tempered = temperedPosterior(votes, m, 2, lm);
    expect(accuracy(tempered, truth, 2)).toBeGreaterThan(accuracy(majorityVote(cols[0], 1, 2), truth, 2) + 0.05);
    // Where every rule abstains, each rule's abstention cell enters: the rules that fire
    // mostly on one class, by staying silent, speak for the other.
    const silent = Array.from(truth.keys()).find((i) => votes.slice(i * m + 1, (i + 1) * m).every((v) => v < 0))!;
    const score = [0, 1].map((c) => lm.prior[c] * lm.confusion[c * 3 + votes[silent * m]] * [1, 2, 3, 4].reduce((p, j) => p * lm.confusion[(j * 2 + c) * 3 + 2], 1));
    expect(tempered[silent * 2 + 1]).toBeCloseTo(score[1] / (score[0] + score[1]), 5);
  });
});

describe('correlated supervisors: four copies of one noisy supervisor and three independent better ones', () => {
  const rng = new Rng(5);
  const truth = drawTruth(5000, 2, rng);
  const noisy = noisyVotes(truth, 2, 0.65, rng);
  // Near-copies, as bootstrap refits of one weak model are: each flips 3% of the rows on its own.
  const copies = [0, 1, 2, 3].map(() => Int32Array.from(noisy, (v) => (rng.next() < 0.03 ? 1 - v : v)));
  const independent = [0.8, 0.75, 0.75].map((a) => noisyVotes(truth, 2, a, rng));
  const votes = stack([...copies, ...independent]);
  const m = 7;
  const truthStats = measured(votes, m, truth);
  const lm = dawidSkene(votes, m, 2, { sources: [9, 9, 9, 9, 1, 2, 3] });

  it('the copies, declared as one source, are rated at their true accuracy (±0.05), as are the others', () => {
    truthStats.forEach((t, j) => expect(Math.abs(lm.accuracy[j] - t.accuracy)).toBeLessThan(0.05));
  });
  it('the copies do not outvote the independent supervisors where all of each side agree', () => {
    let split = 0;
    let followed = 0;
    for (let i = 0; i < truth.length; i++) {
      const row = votes.subarray(i * m, (i + 1) * m);
      const a = row[0];
      if (!row.slice(0, 4).every((v) => v === a) || !row.slice(4).every((v) => v === 1 - a)) continue;
      split++;
      followed += lm.posterior[i * 2 + (1 - a)] > 0.5 ? 1 : 0;
    }
    expect(split).toBeGreaterThan(50);
    expect(followed / split).toBeGreaterThan(0.95);
    expect(accuracy(lm.posterior, truth, 2)).toBeGreaterThan(accuracy(majorityVote(votes, m, 2), truth, 2) + 0.03);
  });
  it('neither do they in the tempered posterior, where each copy counts a quarter', () => {
    const tempered = temperedPosterior(votes, m, 2, lm);
    let split = 0;
    let followed = 0;
    for (let i = 0; i < truth.length; i++) {
      const row = votes.subarray(i * m, (i + 1) * m);
      if (!row.slice(0, 4).every((v) => v === row[0]) || !row.slice(4).every((v) => v === 1 - row[0])) continue;
      split++;
      followed += tempered[i * 2 + (1 - row[0])] > 0.5 ? 1 : 0;
    }
    expect(followed / split).toBeGreaterThan(0.95);
    expect(accuracy(tempered, truth, 2)).toBeGreaterThan(accuracy(majorityVote(votes, m, 2), truth, 2) + 0.03);
  });
  it('in the tempered posterior, four identical copies declared as one source give exactly one copy’s evidence', () => {
    const one = stack([noisy, ...independent]);
    const four = stack([noisy, noisy, noisy, noisy, ...independent]);
    const fitOne = dawidSkene(one, 4, 2, { sources: [9, 1, 2, 3], smoothing: 0 });
    const fitFour = dawidSkene(four, 7, 2, { sources: [9, 9, 9, 9, 1, 2, 3], smoothing: 0 });
    const a = temperedPosterior(one, 4, 2, fitOne);
    const b = temperedPosterior(four, 7, 2, fitFour);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 5);
    // Taken as four sources, the copies would outweigh the rest.
    const apart = temperedPosterior(four, 7, 2, dawidSkene(four, 7, 2, { smoothing: 0 }));
    expect(accuracy(apart, truth, 2)).toBeLessThan(accuracy(a, truth, 2) - 0.03);
  });
  it('the tempered posterior refuses a label model fitted to other supervisors or classes', () => {
    expect(() => temperedPosterior(votes.subarray(0, 600), 6, 2, lm)).toThrow(/fitted to other supervisors or classes \(7 supervisors, 2 classes; the votes have 6 and 2\)/);
  });
  it('with every supervisor in one source there is nothing to weigh them against: on a binary task the posterior is their vote shares', () => {
    const one = dawidSkene(votes, m, 2, { sources: new Array(m).fill(0), smoothing: 0 });
    expect(one.iterations).toBeLessThan(5);
    const shares = majorityVote(votes, m, 2);
    for (let i = 0; i < 200; i++) expect(one.posterior[i * 2]).toBeCloseTo(shares[i * 2], 3);
  });
  it('declared sources make blocks; a block’s outcome is its plurality vote and how many cast it', () => {
    const { of, members } = supervisorBlocks([9, 9, 1, 9], 4);
    expect(Array.from(of)).toEqual([0, 0, 1, 0]);
    expect(members).toEqual([[0, 1, 3], [2]]);
    // Rows of a 4-member block (k = 2): 1,1,1,1 · 1,0,0,1 (a tie: the first member's vote) · 0,-1,0,1 · all abstain.
    const rows = Int32Array.from([1, 1, 1, 1, 1, 0, 0, 1, 0, -1, 0, 1, -1, -1, -1, -1]);
    const { outcomes, sizes } = blockOutcomes(rows, 4, 2, [[0, 1, 2, 3]]);
    expect(Array.from(outcomes)).toEqual([1 * 4 + 3, 1 * 4 + 1, 0 * 4 + 1, 8]);
    expect(sizes).toEqual([9]);
    expect(Array.from(blockOutcomes(Int32Array.from([1, -1]), 1, 2, [[0]]).outcomes)).toEqual([1, 2]);
  });
});

describe('a rule that fires where another supervisor is easy (dependent given the class)', () => {
  // The spam failure: a rule fires on 40% of class-0 rows (4% of class 1), and where it fires the
  // weak model votes 0 97% of the time whatever the truth — it finds those rows easy, and errs with
  // the rule on the class-1 rows it fires on; elsewhere the weak model is right 78% of the time.
  // Four independent one-sided rules as well. Taken as independent, the weak model and the rule
  // agree more than the class explains, and that agreement is read as accuracy.
  const rng = new Rng(3);
  const truth = drawTruth(5000, 2, rng, [0.65, 0.35]);
  const rule = oneSided(truth, 0, [0.4, 0.04], rng);
  const weak = Int32Array.from(truth, (y, i) => (rule[i] >= 0 ? (rng.next() < 0.97 ? 0 : 1) : rng.next() < 0.78 ? y : 1 - y));
  const cols = [weak, rule, oneSided(truth, 1, [0.01, 0.35], rng), oneSided(truth, 1, [0.005, 0.3], rng), oneSided(truth, 1, [0.01, 0.25], rng), oneSided(truth, 0, [0.3, 0.02], rng)];
  const votes = stack(cols);
  const m = cols.length;
  const truthStats = measured(votes, m, truth);
  const independent = dawidSkene(votes, m, 2, { dependencies: false });
  const lm = dawidSkene(votes, m, 2);

  it('taken as independent, the weak model is rated too high (the failure this guards against)', () => {
    expect(independent.accuracy[0] - truthStats[0].accuracy).toBeGreaterThan(0.05);
  });
  it('learns that the weak model and the rule depend on each other, and nothing else', () => {
    expect(lm.dependent).toEqual([[0, 1]]);
  });
  it('then estimates every supervisor’s accuracy within ±0.05, and its posterior beats the independent model’s', () => {
    truthStats.forEach((t, j) => expect(Math.abs(lm.accuracy[j] - t.accuracy)).toBeLessThan(0.05));
    expect(accuracy(lm.posterior, truth, 2)).toBeGreaterThan(accuracy(independent.posterior, truth, 2) + 0.01);
  });
  it('finds no dependence among conditionally independent supervisors', () => {
    const { votes: v, m: mm } = synthetic(5000, 2, ACCURACIES, 12);
    expect(dawidSkene(v, mm, 2).dependent).toEqual([]);
  });
});

describe('graded outcomes: a soft supervisor whose errors sit at low confidence', () => {
  // A 0.85-accurate model that is unsure exactly where it is wrong (confidence 0.5–0.7
  // when wrong, mostly 0.7–1 when right), and three independent 0.75-accurate rules.
  const n = 6000;
  const k = 2;
  const rng = new Rng(21);
  const truth = drawTruth(n, k, rng);
  const model = new Int32Array(n);
  const sure = new Float64Array(n);
  truth.forEach((y, i) => {
    const right = rng.next() < 0.85;
    model[i] = right ? y : 1 - y;
    sure[i] = right ? (rng.next() < 0.9 ? 0.7 + 0.3 * rng.next() : 0.5 + 0.2 * rng.next()) : 0.5 + 0.2 * rng.next();
  });
  const rules = [0, 1, 2].map(() => noisyVotes(truth, k, 0.75, rng));
  const votes = stack([model, ...rules]);
  const m = 4;
  const confidence = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    confidence[i * m] = sure[i];
    for (let j = 1; j < m; j++) confidence[i * m + j] = 1;
  }

  it('with bins, its unsure votes weigh less and the rules decide there: the posterior beats votes alone by ≥ 0.04', () => {
    const plain = dawidSkene(votes, m, k);
    const graded = dawidSkene(votes, m, k, { grading: { confidence, bins: 4 } });
    const a0 = accuracy(plain.posterior, truth, k);
    const a1 = accuracy(graded.posterior, truth, k);
    expect(a1).toBeGreaterThan(a0 + 0.04);
    // The supervisors' accuracy estimates still hold (±0.03): grading splits outcomes, not votes.
    measured(votes, m, truth).forEach((t, j) => expect(Math.abs(graded.accuracy[j] - t.accuracy)).toBeLessThan(0.03));
  });

  it('one bin, or a block whose confidences take one value (one-hot rules), is the plain vote model', () => {
    const members = [[0], [1], [2], [3]];
    const plain = blockOutcomes(votes, m, k, members);
    const one = blockOutcomes(votes, m, k, members, { confidence, bins: 1 });
    expect(one).toEqual(plain);
    const graded = blockOutcomes(votes, m, k, members, { confidence, bins: 4 });
    expect(graded.sizes).toEqual([k * 4 + 1, k + 1, k + 1, k + 1]);
    for (let i = 0; i < n; i++) for (let b = 1; b < m; b++) expect(graded.outcomes[i * m + b]).toBe(plain.outcomes[i * m + b]);
  });

  it('rejects confidences of the wrong length, non-finite ones and a bin count below 1', () => {
    expect(() => dawidSkene(votes, m, k, { grading: { confidence: confidence.subarray(1), bins: 3 } })).toThrow(/confidences for 6000 rows × 4 supervisors/);
    const bad = Float64Array.from(confidence);
    bad[5] = NaN;
    expect(() => dawidSkene(votes, m, k, { grading: { confidence: bad, bins: 3 } })).toThrow(/row 1, supervisor 1 is not a finite number/);
    expect(() => dawidSkene(votes, m, k, { grading: { confidence, bins: 0 } })).toThrow(/bins must be an integer ≥ 1/);
  });
});
