import { describe, expect, it } from 'vitest';
import { memoryIo } from '../test/memory-io.js';
import { commands } from './commands.js';
import { main } from './main.js';
import { cliVersion } from './version.js';

describe('n1v1', () => {
  it('prints the version from package.json with --version and -v', async () => {
    for (const flag of ['--version', '-v']) {
      const io = memoryIo();
      expect(await main([flag], io)).toBe(0);
      expect(io.out()).toBe(`${cliVersion()}\n`);
      expect(cliVersion()).toMatch(/^\d+\.\d+\.\d+/);
    }
  });

  it('lists every command and the exit codes with --help, and with no arguments', async () => {
    for (const argv of [['--help'], [], ['help'], ['-h']]) {
      const io = memoryIo();
      expect(await main(argv, io)).toBe(0);
      for (const name of Object.keys(commands)) expect(io.out()).toContain(`  ${name}`);
      expect(io.out()).toContain('Exit codes');
    }
  });

  it('rejects an unknown command with one line on stderr and exit code 2', async () => {
    const io = memoryIo();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.err()).toBe(
      'n1v1: unknown command "frobnicate". Run "n1v1 --help" to see the commands.\n',
    );
    expect(io.out()).toBe('');
  });

  it('does not treat inherited object keys as commands', async () => {
    const io = memoryIo();
    expect(await main(['toString'], io)).toBe(2);
    expect(io.err()).toContain('unknown command "toString"');
  });

  it('rejects an unknown top-level flag with exit code 2', async () => {
    const io = memoryIo();
    expect(await main(['--frobnicate'], io)).toBe(2);
    expect(io.err()).toBe(
      'n1v1: unknown flag "--frobnicate". Run "n1v1 --help" for the commands and flags.\n',
    );
  });
});

describe('n1v1 with a command registry', () => {
  const registry = {
    echo: {
      summary: 'echo the arguments',
      load: async () => ({
        usage: 'Usage: n1v1 echo [args]',
        run: async (argv: string[], io: ReturnType<typeof memoryIo>) => {
          io.stdout.write(`${argv.join(' ')}\n`);
          return argv.includes('fail') ? 1 : 0;
        },
      }),
    },
    later: { summary: 'arrives in a later version' },
  };

  it('hands the remaining arguments to the command unchanged and returns its exit code', async () => {
    const io = memoryIo();
    expect(await main(['echo', '--url=http://localhost:8000', '--json'], io, registry)).toBe(0);
    expect(io.out()).toBe('--url=http://localhost:8000 --json\n');
    expect(await main(['echo', 'fail'], memoryIo(), registry)).toBe(1);
  });

  it("prints a command's usage for --help after the command", async () => {
    const io = memoryIo();
    expect(await main(['echo', '--help'], io, registry)).toBe(0);
    expect(io.out()).toBe('Usage: n1v1 echo [args]\n');
  });

  it('says a designed command that has not shipped is not available, exit 2', async () => {
    const io = memoryIo();
    expect(await main(['later'], io, registry)).toBe(2);
    expect(io.err()).toBe('n1v1: "later" is not available in this version of n1v1 yet.\n');
    const help = memoryIo();
    await main(['--help'], help, registry);
    expect(help.out()).toContain('later  arrives in a later version (not in this version yet)');
  });

  it('writes to the real process streams by default', async () => {
    const { processIo } = await import('./io.js');
    const io = processIo();
    expect(io.stdout).toBe(process.stdout);
    expect(io.stderr).toBe(process.stderr);
    expect(io.env).toBe(process.env);
  });
});
