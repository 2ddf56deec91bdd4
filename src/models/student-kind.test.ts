import { describe, expect, it } from 'vitest';
import { STUDENT_KINDS, checkStudentKind, defaultStudentKind, parseStudentKind } from './student-kind.js';

describe('--student', () => {
  it('accepts each kind and names the choices for anything else', () => {
    for (const k of STUDENT_KINDS) expect(parseStudentKind(k)).toBe(k);
    expect(() => parseStudentKind('lora')).toThrow(/--student "lora" is not a kind of student; use one of: finetune, probe/);
    expect(() => parseStudentKind(undefined)).toThrow(/--student undefined/);
  });

  it('refuses to fine-tune feature data, which has no encoder, and suggests probe', () => {
    expect(() => checkStudentKind('finetune', { kind: 'features', name: 'my.csv' }, 'raw')).toThrow(/my.csv holds feature vectors.*no encoder.*use --student probe/);
    expect(() => checkStudentKind('probe', { kind: 'features', name: 'my.csv' }, 'raw')).not.toThrow();
    expect(() => checkStudentKind('finetune', { kind: 'text', name: 'spam' }, 'l')).not.toThrow();
    expect(() => checkStudentKind('finetune', { kind: 'text', name: 'spam' }, 'hf:./any-folder')).not.toThrow();
  });

  it('refuses to fine-tune a text model without an encoder (the n-gram model), naming the fine-tunable ones', () => {
    expect(() => checkStudentKind('finetune', { kind: 'text', name: 'spam' }, 'ngram')).toThrow(/model "ngram" \(ngram\) has no encoder to fine-tune; the fine-tunable models are .*hf:DIR.*use --student probe/);
    expect(() => checkStudentKind('probe', { kind: 'text', name: 'spam' }, 'ngram')).not.toThrow();
  });

  it('defaults to fine-tuning text data when every model that trains has an encoder, and to probes otherwise', () => {
    expect(defaultStudentKind('text', ['xs', 'l'])).toBe('finetune');
    expect(defaultStudentKind('text', ['l'])).toBe('finetune');
    expect(defaultStudentKind('text', ['xs', 'hf:./any-folder'])).toBe('finetune');
    expect(defaultStudentKind('text', ['xs', 'ngram'])).toBe('probe');
    expect(defaultStudentKind('text', ['ngram', 'l'])).toBe('probe');
    expect(defaultStudentKind('features', ['proj8', 'raw'])).toBe('probe');
  });
});
