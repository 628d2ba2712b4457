import type { Io } from '../io.js';

export type Paint = (text: string, color: 'red' | 'green' | 'yellow' | 'dim' | 'bold') => string;

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

/** Colours only for a terminal, and never when NO_COLOR is set (no-color.org). */
export function paintFor(stream: Io['stdout'], env: NodeJS.ProcessEnv): Paint {
  const enabled = stream.isTTY === true && !env.NO_COLOR;
  return (text, color) => (enabled ? `\u001b[${CODES[color]}m${text}\u001b[0m` : text);
}
