import type { CommandEntry } from './command.js';

/**
 * Every command the CLI knows, in the order `n1v1 --help` lists them. A command
 * without `load` belongs to the design but has not shipped in this version.
 */
export const commands: Record<string, CommandEntry> = {
  smoke: {
    summary: 'run the smoke suite against a deployed service',
    load: async () => (await import('./commands/smoke.js')).command,
  },
  load: {
    summary: 'run the load check alone',
    load: async () => (await import('./commands/load.js')).command,
  },
  canary: {
    summary: 'deploy a canary, smoke it, watch it, promote or roll back',
    load: async () => (await import('./commands/canary.js')).command,
  },
  promote: {
    summary: 'roll out to production after a canary passed',
    load: async () => (await import('./commands/promote.js')).command,
  },
  rollback: {
    summary: "roll back an environment's current canary",
    load: async () => (await import('./commands/rollback.js')).command,
  },
  report: {
    summary: "render a recorded run's self-contained HTML report",
    load: async () => (await import('./commands/report.js')).command,
  },
  history: {
    summary: 'list the recorded runs of an environment',
    load: async () => (await import('./commands/history.js')).command,
  },
  approve: {
    summary: 'open the manual gate of a canary step',
    load: async () => (await import('./commands/approve.js')).command,
  },
  notify: {
    summary: 'send one deployment event (test a webhook)',
    load: async () => (await import('./commands/notify.js')).command,
  },
  serve: {
    summary: 'run the example paper-trading service',
    load: async () => (await import('./commands/serve.js')).command,
  },
  demo: {
    summary: 'the whole flow on this machine, nothing to configure',
    load: async () => (await import('./commands/demo.js')).command,
  },
};
