import { describe, expect, it } from 'vitest';
import { POS_SUFFIX } from '../tasks/pos.js';
import { REVIEWS_NEGATION } from '../tasks/reviews.js';
import { SPAM_LINK } from '../tasks/spam.js';
import type { AuxTaskSpec, Example } from '../tasks/types.js';
import { auxLabels } from './aux-labels.js';

const ex = (id: string, text: string, label = 0): Example => ({ id, text, label });

describe('auxLabels', () => {
  it('answers each declared auxiliary task from the input alone, never handing the label to it', () => {
    const seen: object[] = [];
    const spy: AuxTaskSpec = { name: 'len', classes: ['short', 'long'], description: '', label: (input) => (seen.push(input), (input.text ?? '').length > 3 ? 1 : 0) };
    const out = auxLabels([spy], [ex('a', 'hi', 1), ex('b', 'hello', 0)]);
    expect(Array.from(out.len.labels)).toEqual([0, 1]);
    expect(out.len.classes).toEqual(['short', 'long']);
    for (const input of seen) expect(Object.keys(input).sort()).toEqual(['features', 'text']);
  });

  it('refuses an answer outside the classes, naming the task and the example', () => {
    const bad: AuxTaskSpec = { name: 'bad', classes: ['a', 'b'], description: '', label: () => 2 };
    expect(() => auxLabels([bad], [ex('x7', 'text')])).toThrow(/auxiliary task "bad" gave 2 for example x7; expected a class in 0..1 or -1/);
  });
});

describe("the built-in tasks' auxiliary tasks", () => {
  const one = (spec: AuxTaskSpec, text: string) => spec.classes[auxLabels([spec], [ex('e', text)])[spec.name].labels[0]];
  it('reviews: negation', () => {
    expect(one(REVIEWS_NEGATION, 'overall the food was not bland and the staff was rude')).toBe('negation');
    expect(one(REVIEWS_NEGATION, 'overall the food was bland and the staff was rude')).toBe('no negation');
  });
  it("pos: the target word's ending", () => {
    expect(one(POS_SUFFIX, 'Running : the dog was [ Running ] home')).toBe('-ing');
    expect(one(POS_SUFFIX, 'quickly : he ran [ quickly ] away')).toBe('-ly');
    expect(one(POS_SUFFIX, 'is : it [ is ] here')).toBe('other'); // too short to have a suffix
  });
  it('spam: a web link', () => {
    expect(one(SPAM_LINK, 'Buy now\nvisit http://example.com today')).toBe('link');
    expect(one(SPAM_LINK, 'Re: lunch\nsee you at noon')).toBe('no link');
  });
});
