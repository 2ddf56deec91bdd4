import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteArtifact, getArtifact, listArtifacts, putArtifact } from './artifacts.js';
import { openStore, type Store } from './open.js';

let store: Store;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

describe('artifacts', () => {
  it('puts, gets, replaces, lists and deletes', () => {
    expect(getArtifact(store, 'k1')).toBeUndefined();
    putArtifact(store, { key: 'k1', kind: 'weak', path: '/c/weak/k1.bin', config: { z: 1, a: 2 } });
    putArtifact(store, { key: 'k2', kind: 'ceiling', path: '/c/ceil/k2.bin', config: {} });
    const a = getArtifact(store, 'k1')!;
    expect(a).toMatchObject({ key: 'k1', kind: 'weak', path: '/c/weak/k1.bin', config: { a: 2, z: 1 } });
    expect(Date.parse(a.createdAt)).not.toBeNaN();
    putArtifact(store, { key: 'k1', kind: 'weak', path: '/c/weak/k1-v2.bin', config: { a: 3 } });
    expect(getArtifact(store, 'k1')).toMatchObject({ path: '/c/weak/k1-v2.bin', config: { a: 3 } });
    expect(listArtifacts(store).map((x) => x.key)).toEqual(['k1', 'k2']);
    expect(listArtifacts(store, 'ceiling').map((x) => x.key)).toEqual(['k2']);
    expect(deleteArtifact(store, 'k1')).toBe(true);
    expect(deleteArtifact(store, 'k1')).toBe(false);
    expect(listArtifacts(store).map((x) => x.key)).toEqual(['k2']);
  });
  it('validates fields', () => {
    expect(() => putArtifact(store, { key: '', kind: 'weak', path: '/p', config: {} })).toThrow(/artifact.key/);
    expect(() => putArtifact(store, { key: 'k', kind: 'weak', path: '/p', config: { lr: NaN } })).toThrow(/NaN/);
  });
});
