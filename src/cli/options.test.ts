import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addSourceOptions, sourceFrom, type SourceFlags } from './options.js';

const parse = (args: string[]) => {
  const cmd = addSourceOptions(new Command('run').exitOverride().configureOutput({ writeErr: () => {} }));
  cmd.parse(args, { from: 'user' });
  return cmd.opts() as SourceFlags;
};

describe('--label-type', () => {
  it('is parsed once at the boundary into the data options', () => {
    expect(sourceFrom(parse(['--data', 'd.csv', '--label-type', 'string']))).toEqual({ data: 'd.csv', dataOptions: { labelType: 'string' }, limit: undefined });
    expect(sourceFrom(parse(['--data', 'd.csv']))!.dataOptions).toEqual({});
  });

  it('accepts only auto, string and number, and only with --data', () => {
    expect(() => parse(['--data', 'd.csv', '--label-type', 'text'])).toThrow(/Allowed choices are auto, string, number/);
    expect(() => sourceFrom(parse(['--task', 'spam', '--label-type', 'number']))).toThrow(/--label-type applies to --data files, not to --task/);
  });
});
