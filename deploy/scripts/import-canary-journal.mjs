#!/usr/bin/env node
// Copies the staging canary's journal files out of the artifact, which was unpacked outside
// the workspace, into .n1v1/runs/staging/: regular *.jsonl files with a run id's name only.
// An artifact is data from another run; unpacked into the workspace it could replace
// package.json, a script or node_modules/.bin before `pnpm n1v1 promote` runs.
//
// Usage: import-canary-journal.mjs <unpacked artifact dir> <workspace>
import { copyFileSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [from, workspace] = process.argv.slice(2);
if (!from || !workspace) {
  process.stderr.write('usage: import-canary-journal.mjs <artifact dir> <workspace>\n');
  process.exit(2);
}
const source = join(from, '.n1v1', 'runs', 'staging');
const target = join(workspace, '.n1v1', 'runs', 'staging');
let names;
try {
  names = readdirSync(source);
} catch {
  process.stderr.write(`import-canary-journal: the artifact has no .n1v1/runs/staging/ journal\n`);
  process.exit(1);
}
mkdirSync(target, { recursive: true });
let copied = 0;
for (const name of names) {
  const file = join(source, name);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.jsonl$/.test(name) || !lstatSync(file).isFile()) {
    process.stderr.write(
      `import-canary-journal: skipped ${JSON.stringify(name)}: not a journal file\n`,
    );
    continue;
  }
  copyFileSync(file, join(target, name));
  copied++;
}
if (copied === 0) {
  process.stderr.write('import-canary-journal: no journal file in the artifact\n');
  process.exit(1);
}
process.stdout.write(`imported ${copied} journal file(s) into ${target}\n`);
