/**
 * nginx: a master process that reads the configuration, opens the listening sockets and runs a
 * worker process per port (real nginx runs one per CPU, all sharing every socket; a simulated
 * process can wait on one socket only). Workers serve static files; the master handles signals:
 *
 * - SIGQUIT (the image's STOPSIGNAL, so `kubectl delete`): graceful shutdown, workers finish first;
 * - SIGTERM / SIGINT: fast shutdown;
 * - SIGHUP (`nginx -s reload`): re-read the configuration, start new workers, retire the old ones.
 *
 * Notices and errors go to the error log, access lines to the access log; in the official image
 * both files are links to the container's stderr and stdout, which is why `kubectl logs` shows
 * them. The notices only appear when the error log level allows them (`notice` from 1.21's image).
 */
import { FsError } from '../../../engine/runtime/fs';
import { SIGNAL_NUMBERS, SignalInterrupt, sys, SysError, type Fd, type Proc, type Program, type SignalName, type SocketAddress, type Sys, type WaitStatus } from '../../../engine/runtime/process';
import { acceptOrSignal, HttpConnection, keepAlive } from '../../lib/serve';
import { strftime } from '../../lib/time';
import { KERNEL } from '../system';
import { interpret, LOG_LEVELS, loadConfig, NginxConfigError, parseConfig, type LogLevel, type NginxConfig } from './config';
import { badRequest, respond, type Exchange, type FileHeaders, type NginxContext } from './respond';
import type { StaticFile } from '../../lib/static-files';
import { header, parseRequest, type Headers, type HttpRequest } from '../../lib/http';
import { compileLogFormat, type LogFormat } from './access-log';

const DEFAULT_CONF = '/etc/nginx/nginx.conf';
/** How long a worker waits for a client to send a request (nginx: 60 s; shorter, see serve.ts). */
export const CLIENT_TIMEOUT_MS = 5000;
/** nginx tries to bind a busy port five times, half a second apart. */
const BIND_TRIES = 5;
const BIND_RETRY_MS = 500;

interface Cli {
  readonly configFile: string;
  readonly globals: string;
  readonly action: 'run' | 'version' | 'test' | 'signal';
  readonly signal?: string;
}

function parseCli(argv: readonly string[]): Cli | string {
  let configFile = DEFAULT_CONF;
  let globals = '';
  let action: Cli['action'] = 'run';
  let signal: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string | undefined => argv[++i];
    if (arg === '-v' || arg === '-V') action = 'version';
    else if (arg === '-t' || arg === '-T') action = 'test';
    else if (arg === '-q') continue;
    else if (arg === '-c') configFile = value() ?? '';
    else if (arg === '-g') globals = value() ?? '';
    else if (arg === '-s') {
      action = 'signal';
      signal = value();
    } else if (arg === '-p' || arg === '-e') value();
    else return `invalid option: "${arg.replace(/^-/, '')}"`;
  }
  return { configFile, globals, action, ...(signal !== undefined ? { signal } : {}) };
}

/**
 * The descriptor a log path writes to: the official image links both logs to the container's
 * output; any other file is opened for appending. Undefined when it cannot be opened.
 */
function logFd(proc: Proc, path: string): Fd | undefined {
  if (path === '/dev/stdout' || path === '/var/log/nginx/access.log') return 1;
  if (path === '/dev/stderr' || path === '/var/log/nginx/error.log' || path === 'stderr') return 2;
  try {
    return proc.open(path, 'a');
  } catch {
    return undefined;
  }
}

/** One process's view of the error log: `2024/02/19 06:16:40 [notice] 1#1: message`. */
class ErrorLog {
  private readonly fd: Fd | undefined;
  constructor(
    private readonly proc: Proc,
    private readonly config: NginxConfig,
  ) {
    this.fd = logFd(proc, config.errorLog.path);
  }

  *log(level: LogLevel, message: string): Sys<void> {
    if (this.fd === undefined || LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(this.config.errorLog.level)) return;
    const time = strftime('%Y/%m/%d %H:%M:%S', this.proc.wallClock());
    yield* sys.write(this.fd, `${time} [${level}] ${this.proc.pid}#${this.proc.pid}: ${message}\n`);
  }
}

const versionOf = (proc: Proc): string => proc.env['NGINX_VERSION'] ?? '1.25.4';

/** The `built by` notice: the compiler of the image's base (Debian unless it is an Alpine image). */
function compiler(proc: Proc, version: string): string {
  const modern = !version.startsWith('1.1') && !version.startsWith('1.20') && !version.startsWith('1.21');
  if (proc.fs.exists('/bin/bash')) return modern ? 'gcc 12.2.0 (Debian 12.2.0-14)' : 'gcc 10.2.1 20210110 (Debian 10.2.1-6)';
  return modern ? 'gcc 12.2.1 20220924 (Alpine 12.2.1_git20220924-r10)' : 'gcc 10.3.1 20210424 (Alpine 10.3.1_git20210424)';
}

function* emerg(message: string): Sys<number> {
  yield* sys.write(2, `nginx: [emerg] ${message}\n`);
  return 1;
}

function readConfig(proc: Proc, cli: Cli): NginxConfig {
  const extra = cli.globals ? parseConfig(cli.globals, 'command line') : [];
  return interpret(loadConfig(proc.fs, cli.configFile, extra));
}

export const nginx: Program = function* (proc) {
  const cli = parseCli(proc.argv);
  if (typeof cli === 'string') {
    yield* sys.write(2, `nginx: ${cli}\n`);
    return 1;
  }
  const version = versionOf(proc);
  if (cli.action === 'version') {
    yield* sys.write(2, `nginx version: nginx/${version}\n`);
    return 0;
  }
  let config: NginxConfig;
  try {
    config = readConfig(proc, cli);
  } catch (e) {
    if (!(e instanceof NginxConfigError)) throw e;
    yield* sys.write(2, `nginx: [emerg] ${e.message}\n`);
    if (cli.action === 'test') yield* sys.write(2, `nginx: configuration file ${cli.configFile} test failed\n`);
    return 1;
  }
  if (cli.action === 'test') {
    yield* sys.write(2, `nginx: the configuration file ${cli.configFile} syntax is ok\nnginx: configuration file ${cli.configFile} test is successful\n`);
    return 0;
  }
  if (cli.action === 'signal') return yield* signalMaster(proc, config, cli.signal ?? '');
  if (!config.daemon) return yield* master(proc, cli, config, new Map());
  // Without `daemon off;` nginx binds its ports, then the master detaches and the command returns.
  const listeners = new Map<number, Fd>();
  if (!(yield* bindAll(proc, new ErrorLog(proc, config), config, listeners))) return 1;
  const ports = [...listeners.keys()];
  proc.spawn(proc.argv, {
    pgid: 'new',
    fds: [0, 1, 2, ...listeners.values()],
    program: (child) => master(child, cli, config, new Map(ports.map((port, i) => [port, 3 + i]))),
  });
  return 0;
};

/** `nginx -s reload|stop|quit|reopen`: signal the master named in the pid file. */
function* signalMaster(proc: Proc, config: NginxConfig, name: string): Sys<number> {
  const signals: Readonly<Record<string, SignalName>> = { stop: 'SIGTERM', quit: 'SIGQUIT', reload: 'SIGHUP', reopen: 'SIGUSR1' };
  const signal = signals[name];
  if (!signal) {
    yield* sys.write(2, `nginx: invalid option: "-s ${name}"\n`);
    return 1;
  }
  yield* new ErrorLog(proc, config).log('notice', 'signal process started');
  let pid: number;
  try {
    pid = Number(proc.fs.readFile(config.pidFile).trim());
  } catch (e) {
    const text = e instanceof FsError ? e.text : 'No such file or directory';
    yield* sys.write(2, `nginx: [error] open() "${config.pidFile}" failed (2: ${text})\n`);
    return 1;
  }
  try {
    proc.kill(pid, signal);
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    yield* sys.write(2, `nginx: [error] kill(${pid}, ${SIGNAL_NUMBERS[signal]}) failed (3: No such process)\n`);
    return 1;
  }
  return 0;
}

/** Opens a listening socket, retrying a busy port as nginx does; undefined when it gave up. */
function* bind(proc: Proc, log: ErrorLog, port: number): Sys<Fd | undefined> {
  const inUse = proc.fs.exists('/bin/bash') ? 'Address already in use' : 'Address in use';
  for (let attempt = 0; attempt < BIND_TRIES; attempt++) {
    try {
      return proc.listen(port);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      const message = `bind() to 0.0.0.0:${port} failed (98: ${inUse})`;
      yield* log.log('emerg', message);
      yield* sys.write(2, `nginx: [emerg] ${message}\n`);
      yield* sys.sleep(BIND_RETRY_MS);
    }
  }
  yield* log.log('emerg', 'still could not bind()');
  yield* emerg('still could not bind()');
  return undefined;
}

/** Opens a socket for every port the configuration listens on that is not open yet. */
function* bindAll(proc: Proc, log: ErrorLog, config: NginxConfig, listeners: Map<number, Fd>): Sys<boolean> {
  for (const port of new Set(config.servers.flatMap((s) => s.ports))) {
    if (listeners.has(port)) continue;
    const fd = yield* bind(proc, log, port);
    if (fd === undefined) return false;
    listeners.set(port, fd);
  }
  return true;
}

const MASTER_SIGNALS: readonly SignalName[] = ['SIGQUIT', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR1', 'SIGWINCH'];

function* master(proc: Proc, cli: Cli, initial: NginxConfig, listeners: Map<number, Fd>): Sys<number> {
  proc.setTitle(`nginx: master process ${proc.argv.join(' ')}`);
  proc.signal('SIGPIPE', 'ignore');
  for (const signal of MASTER_SIGNALS) proc.signal(signal, 'catch');
  let config = initial;
  let log = new ErrorLog(proc, config);
  const workers = new Map<number, number>(); // pid → port
  const version = versionOf(proc);

  function* startWorkers(): Sys<boolean> {
    if (!(yield* bindAll(proc, log, config, listeners))) return false;
    yield* log.log('notice', 'start worker processes');
    for (const port of new Set(config.servers.flatMap((s) => s.ports))) yield* startWorker(port);
    return true;
  }

  function* startWorker(port: number): Sys<void> {
    const served = config;
    const pid = proc.spawn(['nginx: worker process'], { fds: [0, 1, 2, listeners.get(port)], program: (w) => worker(w, served, port) });
    workers.set(pid, port);
    yield* log.log('notice', `start worker process ${pid}`);
  }

  yield* log.log('notice', 'using the "epoll" event method');
  yield* log.log('notice', `nginx/${version}`);
  yield* log.log('notice', `built by ${compiler(proc, version)} `);
  yield* log.log('notice', `OS: ${KERNEL.sysname} ${KERNEL.release}`);
  yield* log.log('notice', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');
  if (!(yield* startWorkers())) return 1;
  writePidFile(proc, config.pidFile);

  let stopping: SignalName | undefined;
  for (;;) {
    if (stopping && workers.size === 0) {
      yield* log.log('notice', 'exit');
      removePidFile(proc, config.pidFile);
      return 0;
    }
    let ended: WaitStatus & { pid?: number };
    try {
      ended = yield* sys.wait(-1);
    } catch (e) {
      if (!(e instanceof SignalInterrupt)) throw e;
      const signal = e.signal;
      if (signal === 'SIGHUP' && !stopping) {
        yield* log.log('notice', 'signal 1 (SIGHUP) received, reconfiguring');
        yield* log.log('notice', 'reconfiguring');
        try {
          config = readConfig(proc, cli);
        } catch (error) {
          if (!(error instanceof NginxConfigError)) throw error;
          yield* log.log('emerg', error.message);
          continue;
        }
        log = new ErrorLog(proc, config);
        const retiring = [...workers.keys()];
        yield* log.log('notice', 'using the "epoll" event method');
        yield* startWorkers();
        for (const pid of retiring) signalWorker(proc, pid, 'SIGQUIT');
      } else if (signal === 'SIGQUIT' || signal === 'SIGTERM' || signal === 'SIGINT') {
        const number = SIGNAL_NUMBERS[signal];
        yield* log.log('notice', `signal ${number} (${signal}) received, ${signal === 'SIGQUIT' ? 'shutting down' : 'exiting'}`);
        stopping = signal;
        for (const pid of workers.keys()) signalWorker(proc, pid, signal);
      }
      continue;
    }
    if (ended.pid === undefined || !workers.has(ended.pid)) continue;
    const pid = ended.pid;
    const port = workers.get(pid)!;
    workers.delete(pid);
    yield* log.log('notice', `signal 17 (SIGCHLD) received from ${pid}`);
    if (ended.signal) yield* log.log('alert', `worker process ${pid} exited on signal ${SIGNAL_NUMBERS[ended.signal]}`);
    else yield* log.log('notice', `worker process ${pid} exited with code ${ended.code}`);
    // A worker that died (not one that was told to go) is replaced.
    if (ended.signal && !stopping) yield* startWorker(port);
  }
}

function signalWorker(proc: Proc, pid: number, signal: SignalName): void {
  try {
    proc.kill(pid, signal);
  } catch {
    // already gone: its exit is on its way to wait()
  }
}

function writePidFile(proc: Proc, path: string): void {
  try {
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    proc.fs.mkdir(dir, proc.now(), { parents: true });
    proc.fs.writeFile(path, `${proc.pid}\n`, proc.now());
  } catch {
    // a read-only root filesystem: nginx would fail; the simulation carries on without a pid file
  }
}

function removePidFile(proc: Proc, path: string): void {
  try {
    proc.fs.unlink(path);
  } catch {
    // nothing to remove
  }
}

const requestLineOf = (request: HttpRequest): string => `${request.method} ${request.target} ${request.version}`;

function* worker(proc: Proc, config: NginxConfig, port: number): Sys<number> {
  for (const signal of ['SIGQUIT', 'SIGTERM', 'SIGINT'] as const) proc.signal(signal, 'catch');
  proc.signal('SIGHUP', 'ignore');
  const log = new ErrorLog(proc, config);
  const listener = 3;
  let connections = 0;
  const epoch = proc.wallClock() - proc.now();
  const version = versionOf(proc);
  const fs = proc.fs; // a worker never changes directory: one view of the filesystem serves every request
  const fileHeaders = new WeakMap<StaticFile, FileHeaders>();

  function* shutdown(signal: SignalName): Sys<number> {
    if (signal === 'SIGQUIT') yield* log.log('notice', 'gracefully shutting down');
    yield* log.log('notice', 'exiting');
    yield* log.log('notice', 'exit');
    return 0;
  }

  /** The access log of each path, opened on first use, and each log format made ready once. */
  const accessFds = new Map<string, Fd>();
  const formats = new Map<string, LogFormat>();

  /** Where an exchange's access line goes, and the line; undefined when it is not logged. */
  function accessEntry(exchange: Exchange, peer: string, requestLine: string, headers: Headers): { fd: Fd; line: string } | undefined {
    const accessLog = exchange.server?.accessLog ?? config.servers[0]?.accessLog ?? 'off';
    if (accessLog === 'off') return undefined;
    const name = config.logFormats.has(accessLog.format) ? accessLog.format : 'combined';
    let format = formats.get(name);
    if (!format) formats.set(name, (format = compileLogFormat(config.logFormats.get(name)!)));
    const fd = accessFds.get(accessLog.path) ?? logFd(proc, accessLog.path);
    if (fd === undefined) return undefined;
    accessFds.set(accessLog.path, fd);
    return { fd, line: format({ peer, requestLine, headers, status: exchange.status, bodyBytes: exchange.bodyBytes, bytesSent: exchange.wire.length, now: proc.wallClock() }) };
  }

  function* record(exchange: Exchange, peer: string, requestLine: string, headers: Headers): Sys<void> {
    for (const message of exchange.errors) yield* log.log('error', `*${connections} ${message}`);
    const entry = accessEntry(exchange, peer, requestLine, headers);
    if (entry) yield* sys.write(entry.fd, entry.line);
  }

  function context(client: string): NginxContext {
    return { fs, config, version, port, client, now: proc.wallClock(), epoch, fileHeaders };
  }

  /**
   * A whole request answered inline, without a connection (`Network.exchange`, which the kubelet's
   * probes use while this worker waits in accept): the same response and access line. Only when
   * that line is all there is to write and the log takes it at once; otherwise (undefined) the
   * client connects and the request goes the usual way.
   */
  // A prober sends the very same bytes every few seconds: parse them once.
  let lastWire = '';
  let lastRequest: HttpRequest | undefined;
  function answerInline(wire: string, client: SocketAddress): string | undefined {
    if (wire !== lastWire) {
      const parsed = parseRequest(wire);
      lastWire = wire;
      lastRequest = parsed.kind === 'complete' && parsed.rest === '' ? parsed.message : undefined;
    }
    const request = lastRequest;
    if (!request) return undefined;
    let exchange: Exchange;
    try {
      exchange = respond(context(client.ip), request, keepAlive(request));
    } catch {
      return undefined; // let it fail where it would: in the worker, over a connection
    }
    if (exchange.errors.length > 0) return undefined;
    const entry = accessEntry(exchange, client.ip, requestLineOf(request), request.headers);
    if (entry && proc.file(entry.fd)?.write(entry.line) !== 'ok') return undefined;
    connections++;
    return exchange.wire;
  }
  proc.respondInline(listener, answerInline);

  for (;;) {
    const accepted = yield* acceptOrSignal(listener);
    if (accepted instanceof SignalInterrupt) return yield* shutdown(accepted.signal);
    connections++;
    const conn = new HttpConnection(proc, accepted);
    let interrupted: SignalName | undefined;
    try {
      for (;;) {
        const outcome = yield* conn.next(CLIENT_TIMEOUT_MS);
        if (outcome.kind === 'closed' || outcome.kind === 'timeout') break;
        const ctx = context(conn.peer);
        if (outcome.kind === 'bad') {
          const exchange = badRequest(ctx);
          yield* record(exchange, conn.peer, outcome.text, []);
          yield* conn.send(exchange.wire);
          break;
        }
        const request = outcome.request;
        const exchange = respond(ctx, request, keepAlive(request));
        yield* record(exchange, conn.peer, requestLineOf(request), request.headers);
        if (!(yield* conn.send(exchange.wire)) || !exchange.keepAlive) break;
        if (header(request.headers, 'Connection')?.toLowerCase() === 'close') break;
      }
    } catch (e) {
      if (!(e instanceof SignalInterrupt)) throw e;
      interrupted = e.signal;
    }
    conn.close();
    if (interrupted) return yield* shutdown(interrupted);
  }
}
