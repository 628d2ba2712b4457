#!/usr/bin/env node
// The whole CLI lives in dist/; this shim only says so clearly when it has not been built.
const entry = new URL('../dist/main.js', import.meta.url);
const { main } = await import(entry.href).catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write(
    'n1v1: the CLI is not built yet; run "pnpm install" (or "pnpm build") first\n',
  );
  process.exit(2);
});
process.exitCode = await main(process.argv.slice(2));
