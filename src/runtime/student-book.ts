import type { Student } from '../contract/types.js';

export const NOT_OURS = 'the method returned a student that its student factory did not train (return the value of ctx.student.train)';

/**
 * The students a factory trained, by the id a method holds: every kind of
 * factory counts them the same way (compute accounting), draws each one's
 * seed the same way, and finds the one a method returns, or refuses it.
 */
export class StudentBook<S> {
  private count = 0;
  private readonly byId = new Map<number, S>();

  get trained(): number {
    return this.count;
  }

  /** The seed of the next student: the method's, or one per student drawn from the run's. */
  nextSeed(runSeed: number, asked?: number): number {
    return asked ?? runSeed + 1000 * this.count;
  }

  add(s: S): number {
    const id = ++this.count;
    this.byId.set(id, s);
    return id;
  }

  /** The trained student behind what a method returned. */
  of(s: Student): S {
    const st = typeof s?.id === 'number' ? this.byId.get(s.id) : undefined;
    if (!st) throw new Error(NOT_OURS);
    return st;
  }
}
