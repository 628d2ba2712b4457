// Preloaded into the CLI by the start-up test: at exit, says which heavy packages were loaded.
// ESM imports of CommonJS packages go through the CommonJS cache, so it sees both kinds.
process.on('exit', () => {
  const heavy = new Set();
  for (const path of Object.keys(require('node:module')._cache)) {
    const match = /node_modules\/(autocannon|ajv)\//.exec(path);
    if (match) heavy.add(match[1]);
  }
  process.stderr.write(`HEAVY:${JSON.stringify([...heavy])}\n`);
});
