import { describe, expect, it } from 'vitest';
import { votesFromProbs } from './votes.js';
import { labelingFunctionsFor, labelingFunctionSupervisors, registerLabelingFunctions, regexLF } from './labeling-functions.js';

const lf = (name: string) => labelingFunctionsFor('spam').find((f) => f.name === name)!;

describe('spam labeling functions', () => {
  it('vote spam (1) on marketing patterns and ham (0) on list traffic and replies, abstain otherwise', () => {
    expect(lf('click_here').apply('Great deal\nClick here to claim your prize')).toBe(1);
    expect(lf('money_signs').apply('Make $$$ fast')).toBe(1);
    expect(lf('money_signs').apply('earn $1,000,000 from home')).toBe(1);
    expect(lf('unsubscribe').apply('To be removed from our mailing list reply with REMOVE')).toBe(1);
    expect(lf('urgency').apply('Act now, limited time only')).toBe(1);
    expect(lf('mailing_list_footer').apply('... Spamassassin-talk mailing list https://lists.sourceforge.net/lists/listinfo/spamassassin-talk')).toBe(0);
    expect(lf('reply_quote').apply('Re: build broken\nOn Tue, Bob wrote: > it fails')).toBe(0);
    for (const f of labelingFunctionsFor('spam')) expect(f.apply('Meeting notes for Thursday')).toBe(-1);
  });
  it('are registered for spam and for no other task by default', () => {
    expect(labelingFunctionsFor('spam').length).toBeGreaterThanOrEqual(5);
    expect(labelingFunctionsFor('reviews')).toEqual([]);
    expect(() => registerLabelingFunctions('spam', [])).toThrow(/twice/);
  });
});

describe('labelingFunctionSupervisors', () => {
  it('turns votes into one-hot rows and abstentions into all-zero rows, read back as −1', () => {
    const lfs = [regexLF('a', /free/, 1), regexLF('b', /\bhi\b/, 0)];
    const sup = labelingFunctionSupervisors(lfs, ['free stuff', 'hi there', 'nothing'], 2);
    expect([...sup.keys()]).toEqual(['lf:a', 'lf:b']);
    expect(Array.from(sup.get('lf:a')!)).toEqual([0, 1, 0, 0, 0, 0]);
    expect(Array.from(votesFromProbs([...sup.values()], 2))).toEqual([1, -1, -1, 0, -1, -1]);
  });
  it('rejects a function that returns something other than a class or −1', () => {
    expect(() => labelingFunctionSupervisors([{ name: 'bad', apply: () => 2 }], ['x'], 2)).toThrow(/returned 2/);
  });
});
