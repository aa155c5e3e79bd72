/**
 * nginx's configuration: the file syntax (directives, blocks, `include` with globs) and the part
 * of its meaning a static web server needs — listen ports, server names, roots, index files,
 * `location` blocks with `alias`/`root`/`return`, `error_page`, log formats and the error log level.
 *
 * Syntax errors carry nginx's own wording (`unexpected "}" in /etc/nginx/conf.d/x.conf:10`).
 */
import type { Vfs } from '../../../engine/runtime/fs';

export interface Directive {
  readonly name: string;
  readonly args: readonly string[];
  readonly block?: readonly Directive[];
  readonly file: string;
  readonly line: number;
}

export class NginxConfigError extends Error {
  override name = 'NginxConfigError';
}

type Token = { text: string; quoted: boolean; line: number };

function tokenize(text: string, file: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '{' || ch === '}' || ch === ';') {
      tokens.push({ text: ch, quoted: false, line });
      i++;
    } else if (ch === '"' || ch === "'") {
      const start = line;
      let value = '';
      i++;
      while (i < text.length && text[i] !== ch) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        if (text[i] === '\n') line++;
        value += text[i++];
      }
      if (i >= text.length) throw new NginxConfigError(`unexpected end of file, expecting ";" or "}" in ${file}:${line}`);
      i++;
      tokens.push({ text: value, quoted: true, line: start });
    } else {
      let value = '';
      while (i < text.length && !/[\s;{}]/.test(text[i]!) && !(text[i] === '#' && value === '')) value += text[i++];
      tokens.push({ text: value, quoted: false, line });
    }
  }
  return tokens;
}

/**
 * Parsed files by name and content. Every nginx container of an image reads the same strings
 * (image layers share them), so a thousand pods parse their configuration once.
 */
const parsed = new Map<string, Map<string, readonly Directive[]>>();
const PARSED_FILES_KEPT = 256;

/** Parses one file; `include` is expanded by `loadConfig`, which knows the filesystem. */
export function parseConfig(text: string, file: string): readonly Directive[] {
  let byText = parsed.get(file);
  if (!byText) {
    if (parsed.size >= PARSED_FILES_KEPT) parsed.clear();
    byText = new Map();
    parsed.set(file, byText);
  }
  let directives = byText.get(text);
  if (!directives) {
    if (byText.size >= 8) byText.clear();
    directives = parseText(text, file);
    byText.set(text, directives);
  }
  return directives;
}

function parseText(text: string, file: string): Directive[] {
  const tokens = tokenize(text, file);
  let at = 0;
  const lastLine = text.split('\n').length;
  const parseBlock = (nested: boolean): Directive[] => {
    const directives: Directive[] = [];
    for (;;) {
      const token = tokens[at];
      if (!token) {
        if (nested) throw new NginxConfigError(`unexpected end of file, expecting "}" in ${file}:${lastLine}`);
        return directives;
      }
      if (!token.quoted && token.text === '}') {
        if (!nested) throw new NginxConfigError(`unexpected "}" in ${file}:${token.line}`);
        at++;
        return directives;
      }
      if (!token.quoted && (token.text === '{' || token.text === ';')) throw new NginxConfigError(`unexpected "${token.text}" in ${file}:${token.line}`);
      const name = token.text;
      const args: string[] = [];
      at++;
      for (;;) {
        const next = tokens[at];
        if (!next) throw new NginxConfigError(`unexpected end of file, expecting ";" or "}" in ${file}:${lastLine}`);
        at++;
        if (!next.quoted && next.text === ';') {
          directives.push({ name, args, file, line: token.line });
          break;
        }
        if (!next.quoted && next.text === '{') {
          directives.push({ name, args, block: parseBlock(true), file, line: token.line });
          break;
        }
        if (!next.quoted && next.text === '}') throw new NginxConfigError(`unexpected "}" in ${file}:${next.line}`);
        args.push(next.text);
      }
    }
  };
  return parseBlock(false);
}

/** Files an `include` names: a path, or a `*` pattern in its last component. */
function includeTargets(fs: Vfs, pattern: string): string[] {
  const slash = pattern.lastIndexOf('/');
  const dir = pattern.slice(0, slash) || '/';
  const glob = pattern.slice(slash + 1);
  if (!glob.includes('*')) return [pattern];
  const re = new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
  try {
    return fs.readdir(dir).filter((name) => re.test(name)).map((name) => `${dir}/${name}`);
  } catch {
    return [];
  }
}

/**
 * Reads the main file and every include, in place. `mime.types` may be absent from the simulated
 * image; nginx then uses the built-in table (see static-files.ts) instead of failing.
 */
export function loadConfig(fs: Vfs, file: string, extra: readonly Directive[] = []): Directive[] {
  const expand = (directives: readonly Directive[], depth: number): Directive[] =>
    directives.flatMap((d): Directive[] => {
      if (d.name === 'include') {
        if (depth > 16) throw new NginxConfigError(`too deep includes in ${d.file}:${d.line}`);
        return includeTargets(fs, d.args[0] ?? '').flatMap((target) => {
          if (typeof fs.tryStat(target) === 'string') {
            if (target.endsWith('mime.types')) return [];
            throw new NginxConfigError(`open() "${target}" failed (2: No such file or directory) in ${d.file}:${d.line}`);
          }
          return expand(parseConfig(fs.readFile(target), target), depth + 1);
        });
      }
      return d.block ? [{ ...d, block: expand(d.block, depth) }] : [d];
    });
  let text: string;
  try {
    text = fs.readFile(file);
  } catch {
    throw new NginxConfigError(`open() "${file}" failed (2: No such file or directory)`);
  }
  return [...expand(parseConfig(text, file), 0), ...extra];
}

// ---- meaning ---------------------------------------------------------------------------------

export interface Location {
  readonly modifier: '=' | '^~' | '~' | '~*' | '';
  readonly path: string;
  readonly root?: string;
  readonly alias?: string;
  readonly index?: readonly string[];
  readonly return?: { readonly code: number; readonly text?: string };
}

export interface Server {
  readonly ports: readonly number[];
  readonly defaultServer: boolean;
  readonly names: readonly string[];
  readonly root: string;
  readonly index: readonly string[];
  readonly locations: readonly Location[];
  /** status → URI (`error_page 500 502 503 504 /50x.html`). */
  readonly errorPages: ReadonlyMap<number, string>;
  readonly accessLog: AccessLog | 'off';
}

export interface AccessLog {
  readonly path: string;
  readonly format: string;
}

export interface NginxConfig {
  readonly daemon: boolean;
  readonly errorLog: { readonly path: string; readonly level: LogLevel };
  readonly pidFile: string;
  readonly defaultType: string;
  readonly servers: readonly Server[];
  readonly logFormats: ReadonlyMap<string, string>;
}

export const LOG_LEVELS = ['debug', 'info', 'notice', 'warn', 'error', 'crit', 'alert', 'emerg'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** nginx's predefined `combined` format. */
const COMBINED = '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';

/** The installation prefix of the official image (`--prefix=/etc/nginx`): relative roots start here. */
const PREFIX = '/etc/nginx/';

/** The last directive of that name (a later one overrides an earlier one). */
function find(ds: readonly Directive[], name: string): Directive | undefined {
  for (let i = ds.length - 1; i >= 0; i--) if (ds[i]!.name === name) return ds[i];
  return undefined;
}
const absolute = (path: string): string => (path.startsWith('/') ? path : PREFIX + path);

function parseListen(args: readonly string[]): number | undefined {
  const address = args[0] ?? '';
  const m = /(?:^|:)(\d+)$/.exec(address);
  if (m) return Number(m[1]);
  // `listen 127.0.0.1;` or `listen localhost;` mean port 80.
  return /^[\w.\-[\]:]+$/.test(address) ? 80 : undefined;
}

function accessLogOf(ds: readonly Directive[], inherited: AccessLog | 'off'): AccessLog | 'off' {
  const d = find(ds, 'access_log');
  if (!d) return inherited;
  if (d.args[0] === 'off') return 'off';
  return { path: d.args[0] ?? '', format: d.args[1] ?? 'combined' };
}

function locationOf(d: Directive): Location {
  const [first, second] = d.args;
  const hasModifier = first === '=' || first === '^~' || first === '~' || first === '~*';
  const block = d.block ?? [];
  const root = find(block, 'root')?.args[0];
  const alias = find(block, 'alias')?.args[0];
  const index = find(block, 'index')?.args;
  const ret = find(block, 'return');
  return {
    modifier: hasModifier ? (first as Location['modifier']) : '',
    path: (hasModifier ? second : first) ?? '/',
    ...(root !== undefined ? { root: absolute(root) } : {}),
    ...(alias !== undefined ? { alias } : {}),
    ...(index ? { index } : {}),
    ...(ret ? { return: { code: Number(ret.args[0]), ...(ret.args[1] !== undefined ? { text: ret.args[1] } : {}) } } : {}),
  };
}

/** The configuration's meaning, from parsed directives (main context plus `-g` ones). */
export function interpret(main: readonly Directive[]): NginxConfig {
  const http = find(main, 'http')?.block ?? [];
  const logFormats = new Map<string, string>([['combined', COMBINED]]);
  for (const d of http.filter((x) => x.name === 'log_format')) logFormats.set(d.args[0] ?? '', d.args.slice(1).join(''));
  const httpRoot = absolute(find(http, 'root')?.args[0] ?? 'html');
  const httpIndex = find(http, 'index')?.args ?? ['index.html'];
  const httpLog = accessLogOf(http, { path: '/var/log/nginx/access.log', format: 'combined' });
  const servers = http.filter((d) => d.name === 'server').map((d): Server => {
    const block = d.block ?? [];
    const listens = block.filter((x) => x.name === 'listen');
    const ports = listens.map((l) => parseListen(l.args)).filter((p): p is number => p !== undefined);
    const errorPages = new Map<number, string>();
    for (const e of block.filter((x) => x.name === 'error_page')) {
      const uri = e.args[e.args.length - 1]!;
      for (const code of e.args.slice(0, -1)) if (/^\d+$/.test(code)) errorPages.set(Number(code), uri);
    }
    return {
      ports: ports.length > 0 ? [...new Set(ports)] : [80],
      defaultServer: listens.some((l) => l.args.includes('default_server') || l.args.includes('default')),
      names: find(block, 'server_name')?.args ?? [''],
      root: absolute(find(block, 'root')?.args[0] ?? httpRoot),
      index: find(block, 'index')?.args ?? httpIndex,
      locations: block.filter((x) => x.name === 'location').map(locationOf),
      errorPages,
      accessLog: accessLogOf(block, httpLog),
    };
  });
  const errorLog = find(main, 'error_log');
  const level = (errorLog?.args[1] ?? 'error') as LogLevel;
  if (!LOG_LEVELS.includes(level)) throw new NginxConfigError(`invalid log level "${level}" in ${errorLog!.file}:${errorLog!.line}`);
  return {
    daemon: find(main, 'daemon')?.args[0] !== 'off',
    errorLog: { path: errorLog?.args[0] ?? '/var/log/nginx/error.log', level },
    pidFile: find(main, 'pid')?.args[0] ?? '/var/run/nginx.pid',
    defaultType: find(http, 'default_type')?.args[0] ?? 'text/plain',
    servers,
    logFormats,
  };
}

/** nginx's location choice: exact match, else the longest prefix — unless a regex matches first. */
export function chooseLocation(server: Server, uri: string): Location | undefined {
  const exact = server.locations.find((l) => l.modifier === '=' && l.path === uri);
  if (exact) return exact;
  let best: Location | undefined;
  for (const l of server.locations) {
    if ((l.modifier === '' || l.modifier === '^~') && uri.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l;
  }
  if (best?.modifier === '^~') return best;
  const regex = server.locations.find((l) => (l.modifier === '~' || l.modifier === '~*') && pattern(l).test(uri));
  return regex ?? best;
}

/** The regular expressions of `~` and `~*` locations, compiled on first use. */
const patterns = new WeakMap<Location, RegExp>();

function pattern(location: Location): RegExp {
  let re = patterns.get(location);
  if (!re) patterns.set(location, (re = new RegExp(location.path, location.modifier === '~*' ? 'i' : '')));
  return re;
}
