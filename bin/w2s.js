#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's ESM loader, so `npx w2s` and `node bin/w2s.js` work without a build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
