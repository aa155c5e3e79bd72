import { describe, expect, it } from 'vitest';
import { envLookup, expandVars, resolveArgv, type ContainerArgv, type ImageDefaults } from './argv';

const BUSYBOX: ImageDefaults = { Entrypoint: [], Cmd: ['sh'] };
const NGINX: ImageDefaults = { Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'] };

describe('resolveArgv', () => {
  it.each<[string, ImageDefaults, ContainerArgv, string[]]>([
    ['busybox with nothing set runs its Cmd', BUSYBOX, {}, ['sh']],
    ['busybox with a shell command', BUSYBOX, { command: ['/bin/sh', '-c', 'sleep 3600'] }, ['/bin/sh', '-c', 'sleep 3600']],
    ['busybox httpd: each args item is one word', BUSYBOX, { command: ['/bin/httpd'], args: ['-f', '-h /tmp'] }, ['/bin/httpd', '-f', '-h /tmp']],
    ['kubectl run b --image=busybox -- sleep 3600 sets args only', BUSYBOX, { args: ['sleep', '3600'] }, ['sleep', '3600']],
    ['nginx defaults: Entrypoint + Cmd', NGINX, {}, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']],
    ['nginx args keep the Entrypoint', NGINX, { args: ['nginx-debug', '-g', 'daemon off;'] }, ['/docker-entrypoint.sh', 'nginx-debug', '-g', 'daemon off;']],
    ['nginx command drops Entrypoint and Cmd', NGINX, { command: ['sleep', '10'] }, ['sleep', '10']],
    ['empty lists count as unset', NGINX, { command: [], args: [] }, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']],
  ])('%s', (_, image, container, expected) => expect(resolveArgv(image, container)).toEqual(expected));

  it('keeps words as given: the kubelet expands $(VAR) before', () => {
    expect(resolveArgv({ Entrypoint: ['echo', '$(GREETING)'], Cmd: [] }, { args: ['$$x', '$(GREETING)'] })).toEqual(['echo', '$(GREETING)', '$$x', '$(GREETING)']);
  });
});

describe('expandVars', () => {
  const env = envLookup([
    { name: 'A', value: 'x' },
    { name: 'EMPTY', value: '' },
    { name: 'A', value: 'y' },
  ]);
  it.each([
    ['$(A)', 'y'],
    ['pre-$(A)-post', 'pre-y-post'],
    ['$(EMPTY)', ''],
    ['$(UNKNOWN)', '$(UNKNOWN)'],
    ['$$(A)', '$(A)'],
    ['$$$(A)', '$y'],
    ['$$', '$'],
    ['$A ${A}', '$A ${A}'],
    ['$', '$'],
    ['end$', 'end$'],
    ['$(A', '$(A'],
    ['$()', '$()'],
    ['$(A)$(A)', 'yy'],
    ['no vars', 'no vars'],
  ])('%j → %j', (input, expected) => expect(expandVars(input, env)).toBe(expected));
});
