#!/usr/bin/env node
// The `hearth` command: runs the TypeScript entry point through tsx, so no build step is needed. A built copy
// (`npm run build`, as the container image does) runs `node dist/cli.js` instead.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
