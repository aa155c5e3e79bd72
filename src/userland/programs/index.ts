/** The programs of the images (everything but the shells), by program id. */
import type { Program } from '../../engine/runtime/process';
import type { Flavour } from '../lib/flavour';
import { echo, falseProgram, test, trueProgram } from './basics';
import { awk } from './awk';
import { busyboxHttpd } from './busybox-httpd';
import { apacheHttpd } from './daemons/apache';
import { coredns, etcd, kubeApiserver, kubeControllerManager, kubeProxy, kubeScheduler, pause } from './daemons/kube-system';
import { redisCli, redisEntrypoint, redisServer } from './daemons/redis';
import { cut, tr } from './columns';
import { less, more } from './pager';
import { clear, watch } from './terminal-tools';
import { timeout } from './timeout';
import { xargs } from './xargs';
import { chmod, cp, mkdir, mv, rm, touch } from './files';
import { grep } from './grep';
import { ls } from './ls';
import { KUBECTL_PROGRAMS } from './kubectl';
import { NET_PROGRAMS } from './net';
import { ssh } from './ssh';
import { EDITOR_PROGRAMS } from './editors';
import { dnsmasq } from './daemons/dnsmasq';
import { flanneld } from './daemons/flanneld';
import { nginx } from './nginx/nginx';
import { env, kill, printenv, ps } from './procs';
import { PROCPS_PROGRAMS } from './procps';
import { basename, date, dirname, hostname, id, pwd, sleep, uname, whoami } from './system';
import { find, which } from './search';
import { sed } from './sed';
import { sort, uniq } from './sort';
import { cat, head, tail, wc } from './text';

/** Tools that exist in both flavours: `busybox:<name>` and `coreutils:<name>`. */
const TOOLS: Readonly<Record<string, (flavour: Flavour) => Program>> = {
  true: () => trueProgram,
  false: () => falseProgram,
  echo,
  test,
  '[': test,
  sleep,
  cat,
  head,
  tail,
  wc,
  ls,
  touch,
  rm,
  mkdir,
  cp,
  mv,
  chmod,
  pwd,
  basename,
  dirname,
  hostname,
  uname,
  id,
  whoami,
  date,
  env,
  printenv,
  ps,
  kill,
  grep,
  sed,
  find,
  which,
  sort,
  uniq,
  cut,
  tr,
  timeout,
  xargs,
  less,
  more,
  clear,
  watch,
  awk,
};

function flavoured(prefix: string, flavour: Flavour): Record<string, Program> {
  return Object.fromEntries(Object.entries(TOOLS).map(([name, make]) => [`${prefix}:${name}`, make(flavour)]));
}

export const PROGRAMS: Readonly<Record<string, Program>> = {
  ...flavoured('busybox', 'busybox'),
  ...flavoured('coreutils', 'gnu'),
  'busybox:httpd': busyboxHttpd('busybox'),
  // Debian packages its GNU tools outside coreutils; images name them by their plain id.
  grep: grep('gnu'),
  hostname: hostname('gnu'),
  kill: kill('gnu'),
  sed: sed('gnu'),
  find: find('gnu'),
  // findutils, less, util-linux's more, ncurses' clear and procps' watch on the Rocky nodes.
  xargs: xargs('gnu'),
  less: less('gnu'),
  more: more('gnu'),
  clear: clear('gnu'),
  watch: watch('gnu'),
  gawk: awk('gnu'),
  // nginx images and ikubernetes/myapp.
  nginx,
  'apache-httpd': apacheHttpd,
  'redis-entrypoint': redisEntrypoint,
  'redis-server': redisServer,
  'redis-cli': redisCli,
  // kube-system images.
  pause,
  coredns,
  etcd,
  'kube-apiserver': kubeApiserver,
  'kube-controller-manager': kubeControllerManager,
  'kube-scheduler': kubeScheduler,
  'kube-proxy': kubeProxy,
  // flannel's image (kube-flannel DaemonSet).
  flanneld,
  ...NET_PROGRAMS,
  ...PROCPS_PROGRAMS,
  ...KUBECTL_PROGRAMS,
  ...EDITOR_PROGRAMS,
  ssh,
  dnsmasq,
};
