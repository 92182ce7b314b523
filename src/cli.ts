import { ConfigError } from './config.js';
import { main } from './main.js';
import { DatabaseInUseError } from './platform/db/pglite-lock.js';

// The `hearth` command's entry: bin/hearth.mjs runs it from the TypeScript through tsx, a built image from dist/cli.js.
try {
  const code = await main(process.argv.slice(2));
  if (code !== 0) process.exitCode = code;
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof DatabaseInUseError ? error.message : error);
  process.exitCode = 1;
}
