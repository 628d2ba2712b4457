import type { CommandEntry } from './command.js';

/**
 * Every command the CLI knows, in the order `n1v1 --help` lists them. A command
 * without `load` belongs to the design but has not shipped in this version.
 */
export const commands: Record<string, CommandEntry> = {
  smoke: { summary: 'run the smoke suite against a deployed service' },
  load: { summary: 'run the load check alone' },
  canary: { summary: 'deploy a canary, smoke it, watch it, promote or roll back' },
  promote: { summary: 'roll out to production after a canary passed' },
  rollback: { summary: "roll back an environment's current canary" },
  notify: { summary: 'send one deployment event (test a webhook)' },
  serve: { summary: 'run the example paper-trading service' },
  demo: { summary: 'the whole flow on this machine, nothing to configure' },
};
