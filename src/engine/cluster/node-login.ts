/**
 * Logging in to a node, as `ssh worker01` does: the node's sshd listens on port 22 (so a client
 * finds the port open, refused or unreachable through the simulated network like any other), and
 * a login starts a program — a login shell — in the node's own PID namespace with the client's
 * terminal. The lab's machines trust each other's root keys, as kubeadm setup guides arrange.
 */
import { Facility, type Kernel, type ListenerFile, type Network, type OpenFile, type PidNamespace, type WaitStatus } from '../runtime/process';

export interface LoginRequest {
  /** The program's file on the node (`/usr/bin/bash`); argv[0] may differ (`-bash` for a login shell). */
  readonly path: string;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** The session's descriptors 0, 1, 2 (its terminal, or pipes for `ssh host command`). */
  readonly files: readonly OpenFile[];
  /** The client's address, for the `Last login: … from …` line of the next login. */
  readonly from: string;
  /** A terminal session: sshd records it (lastlog) only then, not for `ssh host command`. */
  readonly tty: boolean;
}

export interface LoginStarted {
  /** When and from where root last logged in there, if ever since boot. */
  readonly lastLogin?: { readonly at: number; readonly from: string };
  /** Called once with how the login program ended. */
  onExit(listener: (status: WaitStatus) => void): void;
}

export interface NodeLogin {
  /** Starts `request` on the node that owns `ip`; undefined when no node does (or it lacks the program). */
  login(ip: string, request: LoginRequest): LoginStarted | undefined;
}

export const NODE_LOGIN = new Facility<NodeLogin>('node-login');

export const SSH_PORT = 22;

interface NodeHost {
  readonly host: PidNamespace;
  readonly sshd: ListenerFile;
}

export function nodeLogin(kernel: Kernel, network: Network, nodes: () => Iterable<NodeHost>): NodeLogin {
  const lastLogins = new Map<PidNamespace, { at: number; from: string }>();
  return {
    login(ip, request) {
      const netns = network.namespaceOf(ip);
      const node = [...nodes()].find((n) => n.host.netns === netns);
      if (!node) return undefined;
      // The client's connection has done its job (sshd took it); no key exchange is simulated.
      for (let pending = node.sshd.accept(); pending; pending = node.sshd.accept()) pending.retain().release();
      const program = kernel.programs(node.host.programs[request.path] ?? '');
      if (!program) return undefined;
      const env = { ...request.env, HOSTNAME: node.host.hostname };
      const process = kernel.spawn(node.host, request.argv, { program, env, cwd: request.cwd, files: request.files, pgid: 'new' });
      const lastLogin = lastLogins.get(node.host);
      if (request.tty) lastLogins.set(node.host, { at: kernel.clock.epochMs + kernel.clock.now(), from: request.from });
      return { ...(lastLogin ? { lastLogin } : {}), onExit: (listener) => process.onExit(listener) };
    },
  };
}
