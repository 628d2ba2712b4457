import { parseArgs } from 'node:util';
import { writeKubeconfig } from './server/kubeconfig.js';
import { startFakeKubernetes } from './server/start-fake-kubernetes.js';

const USAGE = `usage: fake-kubernetes [--namespace=NAME]... [--failing-image=IMAGE]... [--step-ms=100]
Starts the fake Kubernetes API server on 127.0.0.1 (an ephemeral port), writes a kubeconfig
for it and prints one JSON line: {"url","port","kubeconfig","pid"}. Stops on SIGINT or SIGTERM.`;

/** `pnpm fake-kubernetes`: the fake for people and scripts; resolves with the exit code. */
export async function main(argv: string[], signals: NodeJS.Process = process): Promise<number> {
  let values: {
    namespace?: string[];
    'failing-image'?: string[];
    'step-ms'?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        namespace: { type: 'string', multiple: true },
        'failing-image': { type: 'string', multiple: true },
        'step-ms': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    console.error(`fake-kubernetes: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const stepMs = Number(values['step-ms'] ?? 100);
  if (!Number.isInteger(stepMs) || stepMs < 1) {
    console.error(
      `fake-kubernetes: --step-ms must be a positive whole number of milliseconds, got ${values['step-ms']}`,
    );
    return 2;
  }
  const fake = await startFakeKubernetes({
    stepMs,
    failingImages: values['failing-image'] ?? [],
    namespaces: ['default', 'kube-system', 'kube-public', ...(values.namespace ?? [])],
  });
  const kubeconfig = writeKubeconfig({ server: fake.url });
  console.log(JSON.stringify({ url: fake.url, port: fake.port, kubeconfig, pid: process.pid }));
  return new Promise<number>((resolve) => {
    const stop = () => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      void fake.close().then(() => resolve(0));
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
}
