/** `kubectl version`: the client's version, kustomize's, and the server's from `GET /version`. */
import { KUBECTL_VERSION, KubectlError, type KubectlCommand } from '../framework';
import { toYaml } from '../printers/yaml';

const KUSTOMIZE_VERSION = 'v5.0.4-0.20230601165947-6ce0bf390ce3';

export const CLIENT_VERSION_INFO = {
  major: '1',
  minor: '30',
  gitVersion: KUBECTL_VERSION,
  gitCommit: '39683505b630ff2121012f3c5b16215a1449d5ed',
  gitTreeState: 'clean',
  buildDate: '2024-06-11T20:29:44Z',
  goVersion: 'go1.22.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export const version: KubectlCommand = {
  name: 'version',
  short: 'Print the versions of kubectl and of the server',
  long: 'Print the version of this kubectl and of the API server of the current context.',
  examples: `# Both versions
kubectl version

# Only kubectl's, as YAML
kubectl version --client -o yaml`,
  use: 'version [flags] [options]',
  flags: [
    { name: 'client', type: 'bool', usage: 'If true, print only kubectl\'s own version; the server is not asked.' },
    { name: 'output', short: 'o', type: 'string', usage: 'Print the versions as yaml or json, with build details.' },
  ],
  *run(k) {
    const output = k.flags.string('output');
    if (output !== '' && output !== 'yaml' && output !== 'json') throw new KubectlError('--output must be \'yaml\' or \'json\'');
    let server: Record<string, string> | undefined;
    let failure: unknown;
    if (!k.flags.bool('client')) {
      try {
        const client = yield* k.client();
        server = yield* client.call<Record<string, string>>({ method: 'GET', path: '/version', query: { timeout: '32s' } });
      } catch (e) {
        failure = e;
      }
    }
    if (output === '') {
      yield* k.out(`Client Version: ${KUBECTL_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      if (server) yield* k.out(`Server Version: ${server.gitVersion}\n`);
    } else {
      const doc = { clientVersion: CLIENT_VERSION_INFO, kustomizeVersion: KUSTOMIZE_VERSION, ...(server ? { serverVersion: server } : {}) };
      yield* k.out(output === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : toYaml(doc));
    }
    if (failure) throw failure;
    return 0;
  },
};
