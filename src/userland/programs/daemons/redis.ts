/**
 * The `redis` image: its entrypoint, `redis-server` (a small in-memory keyspace on port 6379,
 * speaking RESP) and `redis-cli`. Each client connection is served by its own process sharing
 * the server's keyspace — a stand-in for Redis's event loop, so an idle `redis-cli` session
 * does not hold up the others.
 */
import { sys, SignalInterrupt, SysError, type Proc, type Program, type Sys } from '../../../engine/runtime/process';
import { byteLength, splitAtBytes } from '../../lib/http';
import { strftime } from '../../lib/time';

const VERSION = '7.2.5';

// ---- RESP ----------------------------------------------------------------------------------

export type Reply =
  | { readonly kind: 'simple'; readonly text: string }
  | { readonly kind: 'error'; readonly text: string }
  | { readonly kind: 'integer'; readonly value: number }
  | { readonly kind: 'bulk'; readonly text: string | null }
  | { readonly kind: 'array'; readonly items: readonly Reply[] };

export function encodeReply(reply: Reply): string {
  switch (reply.kind) {
    case 'simple': return `+${reply.text}\r\n`;
    case 'error': return `-${reply.text}\r\n`;
    case 'integer': return `:${reply.value}\r\n`;
    case 'bulk': return reply.text === null ? '$-1\r\n' : `$${byteLength(reply.text)}\r\n${reply.text}\r\n`;
    case 'array': return `*${reply.items.length}\r\n${reply.items.map(encodeReply).join('')}`;
  }
}

export const encodeCommand = (args: readonly string[]): string => encodeReply({ kind: 'array', items: args.map((text) => ({ kind: 'bulk', text })) });

/** One command from the buffer: a RESP array, or an inline line (`PING\r\n`, what telnet sends). */
export function parseCommand(buffer: string): { args: string[]; rest: string } | undefined {
  if (!buffer.startsWith('*')) {
    const nl = buffer.indexOf('\n');
    if (nl < 0) return undefined;
    return { args: buffer.slice(0, nl).trim().split(/\s+/).filter((a) => a !== ''), rest: buffer.slice(nl + 1) };
  }
  let at = buffer.indexOf('\r\n');
  if (at < 0) return undefined;
  const count = Number(buffer.slice(1, at));
  at += 2;
  const args: string[] = [];
  for (let i = 0; i < count; i++) {
    const eol = buffer.indexOf('\r\n', at);
    if (eol < 0 || buffer[at] !== '$') return undefined;
    const split = splitAtBytes(buffer.slice(eol + 2), Number(buffer.slice(at + 1, eol)));
    if (!split || split[1].length < 2) return undefined;
    args.push(split[0]);
    at = buffer.length - split[1].length + 2;
  }
  return { args, rest: buffer.slice(at) };
}

/** One reply from the buffer, for the client. */
export function parseReply(buffer: string): { reply: Reply; rest: string } | undefined {
  const eol = buffer.indexOf('\r\n');
  if (eol < 0) return undefined;
  const line = buffer.slice(1, eol);
  const rest = buffer.slice(eol + 2);
  switch (buffer[0]) {
    case '+': return { reply: { kind: 'simple', text: line }, rest };
    case '-': return { reply: { kind: 'error', text: line }, rest };
    case ':': return { reply: { kind: 'integer', value: Number(line) }, rest };
    case '$': {
      const length = Number(line);
      if (length < 0) return { reply: { kind: 'bulk', text: null }, rest };
      const split = splitAtBytes(rest, length);
      if (!split || split[1].length < 2) return undefined;
      return { reply: { kind: 'bulk', text: split[0] }, rest: split[1].slice(2) };
    }
    case '*': {
      const items: Reply[] = [];
      let remaining = rest;
      for (let i = 0; i < Number(line); i++) {
        const item = parseReply(remaining);
        if (!item) return undefined;
        items.push(item.reply);
        remaining = item.rest;
      }
      return { reply: { kind: 'array', items }, rest: remaining };
    }
    default: return { reply: { kind: 'error', text: 'Protocol error' }, rest: '' };
  }
}

// ---- the keyspace --------------------------------------------------------------------------

const OK: Reply = { kind: 'simple', text: 'OK' };
const wrongArgs = (name: string): Reply => ({ kind: 'error', text: `ERR wrong number of arguments for '${name}' command` });

/** Runs one command against the keyspace. */
export function execute(keys: Map<string, string>, args: readonly string[]): Reply {
  const [name = '', ...rest] = args;
  const command = name.toLowerCase();
  const arity: Readonly<Record<string, [number, number]>> = {
    ping: [0, 1], echo: [1, 1], set: [2, 2], get: [1, 1], del: [1, Infinity], exists: [1, Infinity], incr: [1, 1], decr: [1, 1],
    keys: [1, 1], dbsize: [0, 0], flushall: [0, 1], flushdb: [0, 1], select: [1, 1], quit: [0, 0],
  };
  const range = arity[command];
  if (!range) {
    const shown = rest.slice(0, 3).map((a) => `'${a}' `).join('');
    return { kind: 'error', text: `ERR unknown command '${name}', with args beginning with: ${shown}` };
  }
  if (rest.length < range[0] || rest.length > range[1]) return wrongArgs(command);
  const counting = (test: (k: string) => boolean): Reply => ({ kind: 'integer', value: rest.filter(test).length });
  switch (command) {
    case 'ping': return rest[0] === undefined ? { kind: 'simple', text: 'PONG' } : { kind: 'bulk', text: rest[0] };
    case 'echo': return { kind: 'bulk', text: rest[0]! };
    case 'set': keys.set(rest[0]!, rest[1]!); return OK;
    case 'get': return { kind: 'bulk', text: keys.get(rest[0]!) ?? null };
    case 'del': return counting((k) => keys.delete(k));
    case 'exists': return counting((k) => keys.has(k));
    case 'incr':
    case 'decr': {
      const current = keys.get(rest[0]!) ?? '0';
      if (!/^-?\d+$/.test(current)) return { kind: 'error', text: 'ERR value is not an integer or out of range' };
      const next = Number(current) + (command === 'incr' ? 1 : -1);
      keys.set(rest[0]!, String(next));
      return { kind: 'integer', value: next };
    }
    case 'keys': {
      const re = new RegExp(`^${rest[0]!.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      return { kind: 'array', items: [...keys.keys()].filter((k) => re.test(k)).map((text) => ({ kind: 'bulk', text })) };
    }
    case 'dbsize': return { kind: 'integer', value: keys.size };
    case 'flushall':
    case 'flushdb': keys.clear(); return OK;
    case 'select': return rest[0] === '0' ? OK : { kind: 'error', text: 'ERR DB index is out of range' };
    default: return OK; // quit
  }
}

// ---- redis-server --------------------------------------------------------------------------

function logLine(proc: Proc, role: 'C' | 'M', level: '*' | '#', message: string): string {
  const now = proc.wallClock();
  return `${proc.pid}:${role} ${strftime('%d %b %Y %H:%M:%S', now)}.${String(now % 1000).padStart(3, '0')} ${level} ${message}\n`;
}

export const redisServer: Program = function* (proc) {
  proc.signal('SIGPIPE', 'ignore');
  proc.signal('SIGTERM', 'catch');
  proc.signal('SIGINT', 'catch');
  const portFlag = proc.argv.indexOf('--port');
  const port = portFlag > 0 ? Number(proc.argv[portFlag + 1]) : 6379;
  const configFile = proc.argv.slice(1).find((a) => !a.startsWith('-'));
  let listener: number;
  try {
    listener = proc.listen(port);
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    yield* sys.write(1, logLine(proc, 'M', '#', `Warning: Could not create server TCP listening socket *:${port}: bind: Address already in use`)
      + logLine(proc, 'M', '#', `Failed listening on port ${port} (tcp), aborting.`));
    return 1;
  }
  yield* sys.write(1,
    logLine(proc, 'C', '#', "WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.")
    + logLine(proc, 'C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo')
    + logLine(proc, 'C', '*', `Redis version=${VERSION}, bits=64, commit=00000000, modified=0, pid=${proc.pid}, just started`)
    + (configFile ? logLine(proc, 'C', '*', `Configuration loaded`) : logLine(proc, 'C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'))
    + logLine(proc, 'M', '*', 'monotonic clock: POSIX clock_gettime')
    + logLine(proc, 'M', '*', `Running mode=standalone, port=${port}.`)
    + logLine(proc, 'M', '*', 'Server initialized')
    + logLine(proc, 'M', '*', 'Ready to accept connections tcp'));
  const keys = new Map<string, string>();
  // Connection handlers are not waited for: ignoring SIGCHLD lets the kernel reap them.
  proc.signal('SIGCHLD', 'ignore');
  try {
    for (;;) {
      const fd = yield* sys.accept(listener);
      proc.spawn(proc.argv, { thread: true, fds: [fd, fd, 2], program: (child) => serveClient(child, keys) });
      proc.close(fd);
    }
  } catch (e) {
    if (!(e instanceof SignalInterrupt)) throw e;
    yield* sys.write(1, `${proc.pid}:signal-handler (${Math.floor(proc.wallClock() / 1000)}) Received ${e.signal} scheduling shutdown...\n`
      + logLine(proc, 'M', '*', 'User requested shutdown...')
      + logLine(proc, 'M', '*', 'Saving the final RDB snapshot before exiting.')
      + logLine(proc, 'M', '*', 'DB saved on disk')
      + logLine(proc, 'M', '#', 'Redis is now ready to exit, bye bye...'));
    return 0;
  }
};

function* serveClient(proc: Proc, keys: Map<string, string>): Sys<number> {
  let buffer = '';
  for (;;) {
    const parsed = parseCommand(buffer);
    if (parsed) {
      buffer = parsed.rest;
      if (parsed.args.length === 0) continue;
      try {
        yield* sys.write(1, encodeReply(execute(keys, parsed.args)));
      } catch (e) {
        if (e instanceof SysError) return 0;
        throw e;
      }
      if (parsed.args[0]!.toLowerCase() === 'quit') return 0;
      continue;
    }
    const chunk = yield* sys.read(0);
    if (chunk === null) return 0;
    buffer += chunk;
  }
}

/** The image's docker-entrypoint.sh: `redis-server` is implied before options or a .conf file. */
export const redisEntrypoint: Program = function* (proc) {
  const args = proc.argv.slice(1);
  const first = args[0] ?? '';
  const argv = first.startsWith('-') || first.endsWith('.conf') ? ['redis-server', ...args] : args;
  return yield* sys.exec(argv);
};

// ---- redis-cli -----------------------------------------------------------------------------

/** How redis-cli shows a reply on a terminal (`(integer) 1`, `"value"`, `(nil)`) or in a pipe (raw). */
export function formatReply(reply: Reply, tty: boolean, indent = ''): string {
  switch (reply.kind) {
    case 'simple': return reply.text;
    case 'error': return tty ? `(error) ${reply.text}` : reply.text;
    case 'integer': return tty ? `(integer) ${reply.value}` : String(reply.value);
    case 'bulk': return reply.text === null ? (tty ? '(nil)' : '') : tty ? JSON.stringify(reply.text) : reply.text;
    case 'array':
      if (reply.items.length === 0) return tty ? '(empty array)' : '';
      return reply.items.map((item, i) => (tty ? `${i === 0 ? '' : indent}${i + 1}) ${formatReply(item, tty, `${indent}   `)}` : formatReply(item, tty))).join('\n');
  }
}

export const redisCli: Program = function* (proc) {
  const args = proc.argv.slice(1);
  let host = '127.0.0.1';
  let port = 6379;
  while (args[0] === '-h' || args[0] === '-p') {
    const [flag, value = ''] = args.splice(0, 2);
    if (flag === '-h') host = value;
    else port = Number(value);
  }
  let fd: number;
  try {
    fd = yield* sys.connect(host, port, 5000);
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    yield* sys.write(2, `Could not connect to Redis at ${host}:${port}: ${e.message}\n`);
    return 1;
  }
  const tty = proc.isatty(1);
  let buffer = '';
  function* ask(command: readonly string[]): Sys<Reply | undefined> {
    yield* sys.write(fd, encodeCommand(command));
    for (;;) {
      const parsed = parseReply(buffer);
      if (parsed) {
        buffer = parsed.rest;
        return parsed.reply;
      }
      const chunk = yield* sys.read(fd);
      if (chunk === null) return undefined;
      buffer += chunk;
    }
  }
  if (args.length > 0) {
    const reply = yield* ask(args);
    if (reply) yield* sys.write(1, `${formatReply(reply, tty)}\n`);
    return 0;
  }
  // Interactive: one command per line until end of input.
  let pending = '';
  for (;;) {
    if (proc.isatty(0)) yield* sys.write(1, `${host}:${port}> `);
    let nl = pending.indexOf('\n');
    while (nl < 0) {
      const chunk = yield* sys.read(0);
      if (chunk === null) return 0;
      pending += chunk;
      nl = pending.indexOf('\n');
    }
    const line = pending.slice(0, nl).trim();
    pending = pending.slice(nl + 1);
    if (line === '') continue;
    const command = line.split(/\s+/);
    if (command[0]!.toLowerCase() === 'exit' || command[0]!.toLowerCase() === 'quit') return 0;
    const reply = yield* ask(command);
    if (!reply) return 0;
    yield* sys.write(1, `${formatReply(reply, tty)}\n`);
  }
};
