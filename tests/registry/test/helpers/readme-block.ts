import { readFileSync } from 'node:fs';

/**
 * The fenced code block of a README whose first line starts with `// <file>:`, as a user
 * would copy it: the tests run the README's own code, so the two cannot drift apart.
 */
export function readmeBlock(readme: string, file: string): string {
  const text = readFileSync(readme, 'utf8');
  for (const match of text.matchAll(/```(?:js|ts|mjs)\n([\s\S]*?)```/g)) {
    const code = match[1]!;
    if (code.startsWith(`// ${file}:`)) return code;
  }
  throw new Error(`${readme} has no code block that starts with "// ${file}:"`);
}
