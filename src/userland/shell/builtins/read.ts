// `read`: one line from a descriptor, split on IFS into variables.
import { SignalInterrupt, sys, SysError, TtyFile, type Sys } from '../../../engine/runtime/process';
import { Shell } from '../shell';

export function* read(shell: Shell, argv: string[]): Sys<number> {
  let raw = false;
  let silent = false;
  let prompt: string | undefined;
  let timeoutMs: number | undefined;
  let fd = 0;
  let delimiter = '\n';
  let maxChars: number | undefined;
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg.length < 2) break;
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      if (letter === 'r') raw = true;
      else if (letter === 's') silent = true;
      else if ('ptudn'.includes(letter)) {
        const value = j + 1 < arg.length ? arg.slice(j + 1) : argv[++i];
        if (value === undefined) {
          yield* shell.report(`${letter}: option requires an argument`);
          return 2;
        }
        if (letter === 'p') prompt = value;
        else if (letter === 't') timeoutMs = Number(value) * 1000;
        else if (letter === 'u') fd = Number(value);
        else if (letter === 'd') delimiter = value[0] ?? '\0';
        else maxChars = Number(value);
        break;
      } else {
        yield* shell.report(`-${letter}: invalid option`);
        return 2;
      }
    }
  }
  const names = argv.slice(i);
  if (names.length === 0) names.push('REPLY');
  const file = shell.proc.file(fd);
  if (file === undefined) {
    yield* shell.report(`${fd}: invalid file descriptor: Bad file descriptor`);
    return 1;
  }

  let line = '';
  let eof = false;
  if (file instanceof TtyFile && delimiter === '\n' && maxChars === undefined) {
    // A raw terminal: echo what is typed, as the tty's line discipline would in cooked mode.
    try {
      const typed = yield* shell.editorFor(fd, file).readLine(shell, prompt ?? '', !silent);
      if (typed === null) eof = true;
      else line = typed;
    } catch (e) {
      if (e instanceof SignalInterrupt) return Shell.signalStatus(e.signal);
      throw e;
    }
  } else {
    let buffered = shell.readAhead.get(file) ?? '';
    for (;;) {
      const end = maxChars !== undefined ? (buffered.length >= maxChars ? maxChars : -1) : buffered.indexOf(delimiter);
      if (end >= 0) {
        line = buffered.slice(0, end);
        buffered = buffered.slice(end + (maxChars !== undefined ? 0 : 1));
        // Without -r, a backslash before the newline continues the line.
        if (!raw && maxChars === undefined && /(^|[^\\])(\\\\)*\\$/.test(line)) {
          buffered = line.slice(0, -1) + buffered;
          line = '';
          const more = buffered.indexOf(delimiter, end - 1);
          if (more >= 0) continue;
        } else break;
      }
      let chunk: string | null;
      try {
        chunk = yield* shell.syscall(() => sys.read(fd, timeoutMs), true);
      } catch (e) {
        shell.readAhead.set(file, buffered);
        if (e instanceof SignalInterrupt) return Shell.signalStatus(e.signal);
        if (e instanceof SysError && e.errno === 'ETIMEDOUT') return shell.dialect === 'bash' ? 142 : 1;
        throw e;
      }
      if (chunk === null) {
        line = buffered;
        buffered = '';
        eof = true;
        break;
      }
      buffered += chunk;
    }
    shell.readAhead.set(file, buffered);
  }

  const values = splitForRead(line, names.length, shell.vars.get('IFS') ?? ' \t\n', raw);
  for (let k = 0; k < names.length; k++) yield* shell.assign(names[k]!, values[k] ?? '');
  return eof ? 1 : 0;
}

/** Splits a line read by `read` into `count` fields; the last takes the rest of the line. */
function splitForRead(line: string, count: number, ifs: string, raw: boolean): string[] {
  // Characters escaped with a backslash (without -r) are never separators.
  const chars: { c: string; quoted: boolean }[] = [];
  for (let i = 0; i < line.length; i++) {
    if (!raw && line[i] === '\\' && i + 1 < line.length) chars.push({ c: line[++i]!, quoted: true });
    else if (!raw && line[i] === '\\') continue;
    else chars.push({ c: line[i]!, quoted: false });
  }
  const white = (ch: { c: string; quoted: boolean }) => !ch.quoted && ifs.includes(ch.c) && ' \t\n'.includes(ch.c);
  const sep = (ch: { c: string; quoted: boolean }) => !ch.quoted && ifs.includes(ch.c);
  const fields: string[] = [];
  let i = 0;
  while (i < chars.length && white(chars[i]!)) i++;
  while (fields.length < count - 1 && i < chars.length) {
    let field = '';
    while (i < chars.length && !sep(chars[i]!)) field += chars[i++]!.c;
    fields.push(field);
    while (i < chars.length && white(chars[i]!)) i++;
    if (i < chars.length && sep(chars[i]!)) {
      i++;
      while (i < chars.length && white(chars[i]!)) i++;
    }
  }
  let end = chars.length;
  while (end > i && white(chars[end - 1]!)) end--;
  fields.push(chars.slice(i, end).map((ch) => ch.c).join(''));
  return fields;
}
