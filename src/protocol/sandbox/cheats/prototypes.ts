import { cheat } from './cheat.js';

/**
 * Patches global prototypes and the student factory's class where it runs,
 * hoping the host (or a later run) picks them up: argmax-like reductions made
 * to favour class 1, Math.random fixed, the factory's value export replaced.
 */
export default cheat('cheat_prototypes', async (ctx) => {
  const reduce = Array.prototype.reduce;
  Array.prototype.reduce = function (this: unknown[], ...a: Parameters<typeof reduce>) {
    return reduce.apply(this, a as never);
  } as typeof reduce;
  Math.random = () => 0.5;
  Float32Array.prototype.fill = function () {
    return this;
  };
  const proto = Object.getPrototypeOf(ctx.student) as { valueOf: (s: unknown) => unknown };
  const original = proto.valueOf;
  proto.valueOf = function (s: unknown) {
    const v = original.call(this, s) as { theta: Float32Array };
    return { ...v, theta: v.theta.map(() => 1e3) };
  };
  return null;
});
