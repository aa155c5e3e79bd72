// Prints an AST back to shell text that parses to the same AST (used by the round-trip property
// test, and later by `type f` / `set` to show function bodies). List items always end in a newline
// so here-document bodies can follow the line that opened them.
import type {
  AndOr, Command, CompoundCommand, DoubleQuotedPart, Pipeline, Redirect, Script, SimpleCommand, Word, WordPart,
} from './ast.js';

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'for', 'do', 'done', 'case', 'esac', '{', '}', '!', 'function']);

export function printScript(script: Script): string {
  return new Printer().list(script);
}

/** A command on one line, as `jobs` shows it: `while true; do sleep 1; done`. */
export function printCommandLine(node: AndOr | Command): string {
  const printer = new Printer();
  const text = node.type === 'andor' ? printer.andOr(node) : printer.command(node);
  return text.trimEnd().replace(/\n+/g, '; ');
}

class Printer {
  private pendingHereDocs: Redirect[] = [];

  list(script: Script): string {
    let out = '';
    for (const item of script.items) {
      out += this.andOr(item.command) + (item.background ? ' &' : '') + '\n' + this.flushHereDocs();
    }
    return out;
  }

  private flushHereDocs(): string {
    let out = '';
    for (const redirect of this.pendingHereDocs) {
      const doc = redirect.heredoc!;
      out += (doc.expand ? printDoubleParts(doc.body, null) : printDoubleParts(doc.body, 'raw')) + doc.delimiter + '\n';
    }
    this.pendingHereDocs = [];
    return out;
  }

  andOr(node: AndOr): string {
    return [this.pipeline(node.first), ...node.rest.map((r) => `${r.op} ${this.pipeline(r.pipeline)}`)].join(' ');
  }

  private pipeline(node: Pipeline): string {
    const time = node.timed === 'posix' ? 'time -p ' : node.timed ? 'time ' : '';
    return time + (node.negated ? '! ' : '') + node.commands.map((c) => this.command(c)).join(' | ');
  }

  command(node: Command): string {
    if (node.type === 'simple') return this.simple(node);
    if (node.type === 'function') return `${node.name}() ${this.compound(node.body)}`;
    return this.compound(node);
  }

  private simple(node: SimpleCommand): string {
    const assignments = node.assignments.map((a) => `${a.name}=${printWord(a.value)}`);
    const words = node.words.map((w) => printWord(w));
    const redirects = this.redirects(node.redirects);
    // A first word spelled like a keyword must not land in command position: put redirects first.
    const first = node.words[0]?.parts;
    const keywordFirst = assignments.length === 0 && first?.length === 1 && first[0]!.type === 'literal' && RESERVED.has(first[0]!.value);
    return (keywordFirst ? [...redirects, ...words] : [...assignments, ...words, ...redirects]).join(' ');
  }

  private redirects(redirects: Redirect[]): string[] {
    return redirects.map((r) => {
      if (r.heredoc) this.pendingHereDocs.push(r);
      return `${r.fd ?? ''}${r.op}${printWord(r.target)}`;
    });
  }

  private compound(node: CompoundCommand): string {
    let out: string;
    switch (node.type) {
      case 'if':
        out = node.clauses.map((c, i) => `${i === 0 ? 'if' : 'elif'} ${this.list(c.condition)}then ${this.list(c.body)}`).join('');
        out += (node.elseBody ? `else ${this.list(node.elseBody)}` : '') + 'fi';
        break;
      case 'loop':
        out = `${node.until ? 'until' : 'while'} ${this.list(node.condition)}do ${this.list(node.body)}done`;
        break;
      case 'for':
        out = `for ${node.variable}${node.items ? ' in' + node.items.map((w) => ' ' + printWord(w)).join('') : ''}\ndo ${this.list(node.body)}done`;
        break;
      case 'case':
        out = `case ${printWord(node.subject)} in\n`;
        for (const arm of node.arms) out += `${arm.patterns.map((p) => printWord(p)).join('|')}) ${this.list(arm.body)};;\n`;
        out += 'esac';
        break;
      case 'group':
        out = `{ ${this.list(node.body)}}`;
        break;
      case 'subshell':
        out = `( ${this.list(node.body)})`;
        break;
    }
    return [out, ...this.redirects(node.redirects)].join(' ');
  }
}

export function printWord(word: Word): string {
  return word.parts.map(printPart).join('');
}

function printPart(part: WordPart): string {
  switch (part.type) {
    case 'literal':
      return part.value;
    case 'escaped':
      return [...part.value].map((c) => '\\' + c).join('');
    case 'single':
      return `'${part.value}'`;
    case 'ansi':
      return `$'${[...part.value].map(ansiEscape).join('')}'`;
    case 'double':
      return `"${printDoubleParts(part.parts, '"')}"`;
    default:
      return printExpansion(part, false);
  }
}

/** mode '"': inside double quotes; null: unquoted here-doc body; 'raw': quoted here-doc body. */
function printDoubleParts(parts: DoubleQuotedPart[], mode: '"' | null | 'raw'): string {
  return parts
    .map((part) => {
      if (part.type !== 'literal') return printExpansion(part, mode === '"');
      if (mode === 'raw') return part.value;
      const special = mode === '"' ? /[\\$`"]/g : /[\\$`]/g;
      return part.value.replace(special, (c) => '\\' + c);
    })
    .join('');
}

/** One character inside `$'...'`: quotes, backslashes and control characters escaped. */
function ansiEscape(c: string): string {
  if (c === '\\' || c === "'") return '\\' + c;
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return '\\x' + code.toString(16).padStart(2, '0');
  return c;
}

function printExpansion(part: Exclude<WordPart, { type: 'literal' | 'escaped' | 'single' | 'ansi' | 'double' }>, inDoubleQuotes: boolean): string {
  switch (part.type) {
    case 'param':
      if (!part.braced) return '$' + part.name;
      return '${' + (part.length ? '#' : '') + part.name + (part.op ?? '') + (part.arg ? printWord(part.arg) : '') + '}';
    case 'arith':
      return `$((${part.expression}))`;
    case 'command': {
      const body = printScript(part.body);
      if (!part.backtick) return `$( ${body})`; // the space keeps "$( (" from reading as "$(("
      return '`' + body.replace(inDoubleQuotes ? /[\\`"]/g : /[\\`]/g, (c) => '\\' + c) + '`';
    }
  }
}
