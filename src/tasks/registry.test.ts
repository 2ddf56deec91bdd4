import { describe, expect, it } from 'vitest';
import { getTask, listTasks, loadTask, registerTask } from './index.js';
import type { TaskDefinition } from './types.js';

const toy: TaskDefinition = {
  name: 'toy-registry',
  description: 'two examples',
  kind: 'features',
  async load() {
    return {
      name: 'toy-registry',
      classes: ['a', 'b'],
      kind: 'features',
      featureDim: 1,
      examples: [
        { id: '0', features: Float32Array.of(0), label: 0 },
        { id: '1', features: Float32Array.of(1), label: 1 },
      ],
      description: 'two examples',
    };
  },
};

describe('task registry', () => {
  it('lists the built-ins sorted by name', () => {
    const names = listTasks().map((t) => t.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['pos', 'reviews', 'spam']));
  });

  it('registers a task, finds it, and refuses a second with the same name', async () => {
    registerTask(toy);
    expect(getTask('toy-registry')).toBe(toy);
    expect((await loadTask('toy-registry')).examples).toHaveLength(2);
    expect(() => registerTask(toy)).toThrow(/already registered/);
  });

  it('names the known tasks when asked for an unknown one', () => {
    expect(() => getTask('nope')).toThrow(/unknown task 'nope'; known tasks: .*pos.*reviews.*spam/);
  });

  it('rejects invalid names and a loader that returns the wrong kind', async () => {
    expect(() => registerTask({ ...toy, name: 'Bad Name' })).toThrow(/invalid/);
    registerTask({ ...toy, name: 'liar', kind: 'text' });
    await expect(loadTask('liar')).rejects.toThrow(/declares kind 'text' but loaded 'features'/);
  });
});
