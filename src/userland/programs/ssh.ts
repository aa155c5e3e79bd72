/**
 * `ssh [-p port] [user@]host [command]` (OpenSSH 8.7 on Rocky Linux 9): reaches the host's port
 * 22 through the simulated network — so an unknown name, a refused port or an unreachable address
 * fail as OpenSSH reports them — then logs in as root without a password (the lab's nodes trust
 * each other's keys): a login bash on that node with this terminal, or `bash -c command` there.
 */
import { NODE_LOGIN } from '../../engine/cluster/node-login';
import { sys, SysError } from '../../engine/runtime/process';
import { loginEnvironment } from '../lib/login';
import { lookupHost } from '../lib/resolver';
import { strftime } from '../lib/time';
import { readAll } from '../lib/tool';
import type { Program } from '../../engine/runtime/process';

const USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface]
           [-b bind_address] [-c cipher_spec] [-D [bind_address:]port]
           [-E log_file] [-e escape_char] [-F configfile] [-I pkcs11]
           [-i identity_file] [-J [user@]host[:port]] [-L address]
           [-l login_name] [-m mac_spec] [-O ctl_cmd] [-o option] [-p port]
           [-Q query_option] [-R address] [-S ctl_path] [-W host:port]
           [-w local_tun[:remote_tun]] destination [command]
`;

/** OpenSSH's exit status for its own failures (the remote command's status otherwise). */
const SSH_FAILED = 255;

/** Options that take a value; the rest are flags (and ignored: no forwarding is simulated). */
const WITH_VALUE = new Set('BbcDEeFIiJLlmOopQRSWw'.split(''));

interface Invocation {
  readonly destination: string;
  readonly port: number;
  readonly command: readonly string[];
}

function parseArgs(args: readonly string[]): Invocation | undefined {
  let port = 22;
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-') && args[i] !== '-'; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    for (let j = 1; j < arg.length; j++) {
      if (!WITH_VALUE.has(arg[j]!)) continue;
      const value = arg.length > j + 1 ? arg.slice(j + 1) : args[++i];
      if (value === undefined) return undefined;
      if (arg[j] === 'p') port = Number(value);
      break;
    }
  }
  const destination = args[i];
  if (destination === undefined) return undefined;
  return { destination, port, command: args.slice(i + 1) };
}

export const ssh: Program = function* (proc) {
  const invocation = parseArgs(proc.argv.slice(1));
  if (!invocation) {
    yield* sys.write(2, USAGE);
    return SSH_FAILED;
  }
  const host = invocation.destination.replace(/^[^@]*@/, '');
  const found = yield* lookupHost(proc, host);
  if (!found.ok) {
    yield* sys.write(2, `ssh: Could not resolve hostname ${host}: ${found.error === 'not-found' ? 'Name or service not known' : 'Temporary failure in name resolution'}\n`);
    return SSH_FAILED;
  }
  const ip = found.addresses[0]!;
  try {
    proc.close(yield* sys.connect(ip, invocation.port, 127_000));
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    yield* sys.write(2, `ssh: connect to host ${host} port ${invocation.port}: ${e.message}\n`);
    return SSH_FAILED;
  }
  const login = proc.facility(NODE_LOGIN);
  const interactive = invocation.command.length === 0;
  // The remote end: the same descriptors, and a pipe that tells us when it is over.
  const [done, doneWriter] = proc.pipe();
  const started = login?.login(ip, {
    path: '/usr/bin/bash',
    argv: interactive ? ['-bash'] : ['bash', '-c', invocation.command.join(' ')],
    env: loginEnvironment(host),
    cwd: '/root',
    files: [proc.file(0)!, proc.file(1)!, proc.file(2)!],
    from: proc.netns.sourceFor(ip),
    tty: interactive,
  });
  if (!started) {
    yield* sys.write(2, `ssh: connect to host ${host} port ${invocation.port}: Connection refused\n`);
    return SSH_FAILED;
  }
  const notify = proc.file(doneWriter)!.retain();
  proc.close(doneWriter);
  started.onExit((status) => {
    notify.write(String(status.code));
    notify.release();
  });
  if (interactive && started.lastLogin) {
    yield* sys.write(1, `Last login: ${strftime('%a %b %e %H:%M:%S %Y', started.lastLogin.at)} from ${started.lastLogin.from}\n`);
  }
  const status = Number(yield* readAll(done));
  if (interactive) yield* sys.write(2, `Connection to ${host} closed.\n`);
  return status;
};
