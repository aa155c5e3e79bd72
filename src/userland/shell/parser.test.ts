import { describe, expect, test } from 'vitest';
import { parse, printScript, ShellIncompleteError, ShellSyntaxError, type Script, type SimpleCommand } from './index.js';

const firstCommand = (s: Script) => s.items[0]!.command.first.commands[0]!;
const simple = (src: string) => firstCommand(parse(src)) as SimpleCommand;
const lit = (value: string) => ({ parts: [{ type: 'literal', value }] });

describe('tutorial lines parse (and survive a print/re-parse round trip)', () => {
  const lines = [
    'while true;do wget -O - -q http://nginx:80;done',
    "cat <<EOF > pod.yaml\napiVersion: v1\nkind: Pod\nEOF\n",
    "kubectl apply -f - <<'EOF'\nmetadata:\n  name: $notExpanded\nEOF\n",
    "curl $(kubectl get svc nginx -o jsonpath='{.spec.clusterIP}')",
    'echo ${x:1:2} ${x: -1} <<< "here string"',
    "/bin/sh -c 'touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 3600'",
    "echo 'Home Page' >> /tmp/index.html",
    'kubectl get po nginx-deploy -o yaml >nginx-deploy.yaml',
    'kubectl run nginx-deploy --image=nginx:1.20-alpine --port=80 # 创建静态pod',
    'kubectl get pods | grep myapp && echo ok || echo missing',
  ];
  test.each(lines)('%s', (line) => {
    const ast = parse(line);
    expect(parse(printScript(ast))).toEqual(ast);
  });
});

describe('words', () => {
  test.each([
    ['echo "a $x ${y} ${z:-d e} $? $# $@ $1"', [{ type: 'literal', value: 'echo' }]],
  ])('%s', (src, first) => expect(simple(src).words[0]!.parts).toEqual(first));

  test('double quotes keep expansions as parts', () => {
    expect(simple('echo "a $x ${z:-d e} $? `id` $(pwd) $((1+2))"').words[1]!.parts[0]).toEqual({
      type: 'double',
      parts: [
        { type: 'literal', value: 'a ' }, { type: 'param', name: 'x', braced: false },
        { type: 'literal', value: ' ' }, { type: 'param', name: 'z', braced: true, op: ':-', arg: lit('d e') },
        { type: 'literal', value: ' ' }, { type: 'param', name: '?', braced: false },
        { type: 'literal', value: ' ' }, { type: 'command', backtick: true, body: parse('id') },
        { type: 'literal', value: ' ' }, { type: 'command', backtick: false, body: parse('pwd') },
        { type: 'literal', value: ' ' }, { type: 'arith', expression: '1+2' },
      ],
    });
  });
  test("$'...' decodes C escapes and prints back the same", () => {
    const src = "echo $'a\\tb\\n\\x41\\101\\'q\\\\' \"$'x'\"";
    const cmd = simple(src);
    expect(cmd.words[1]!.parts).toEqual([{ type: 'ansi', value: "a\tb\nAA'q\\" }]);
    expect(cmd.words[2]!.parts[0]).toEqual({ type: 'double', parts: [{ type: 'literal', value: "$'x'" }] });
    expect(parse(printScript(parse(src)))).toEqual(parse(src));
  });
  test('backslash escapes and line continuation', () => {
    expect(simple('echo a\\ b\\\nc').words[1]!.parts).toEqual([
      { type: 'literal', value: 'a' }, { type: 'escaped', value: ' ' }, { type: 'literal', value: 'bc' },
    ]);
  });
  test('$( (subshell) ) is a command substitution, $((..)) arithmetic', () => {
    expect(simple('echo $( (a) )').words[1]!.parts[0]!.type).toBe('command');
    expect(simple('echo $(( (1) ))').words[1]!.parts[0]).toEqual({ type: 'arith', expression: ' (1) ' });
  });
  test('assignment prefix', () => {
    const cmd = simple('FOO=bar A= cmd B=c');
    expect(cmd.assignments).toEqual([{ name: 'FOO', value: lit('bar') }, { name: 'A', value: { parts: [] } }]);
    expect(cmd.words).toEqual([lit('cmd'), lit('B=c')]);
  });
});

describe('redirections and here-documents', () => {
  test('fd forms', () => {
    expect(simple('cmd 2>&1 2>/dev/null &>out >>log <in').redirects).toEqual([
      { fd: 2, op: '>&', target: lit('1') }, { fd: 2, op: '>', target: lit('/dev/null') },
      { op: '&>', target: lit('out') }, { op: '>>', target: lit('log') }, { op: '<', target: lit('in') },
    ]);
  });
  test('several here-docs on one line, <<- strips tabs, quoted delimiter disables expansion', () => {
    const cmd = simple("cat <<A <<-'B'; echo after\n$x\nA\n\t\tb $y\n\tB\n");
    expect(cmd.redirects.map((r) => r.heredoc)).toEqual([
      { delimiter: 'A', expand: true, stripTabs: false, body: [{ type: 'param', name: 'x', braced: false }, { type: 'literal', value: '\n' }] },
      { delimiter: 'B', expand: false, stripTabs: true, body: [{ type: 'literal', value: 'b $y\n' }] },
    ]);
  });
});

describe('compound commands', () => {
  test.each([
    ['if a; then b; elif c; then d; else e; fi', 'if'],
    ['until a; do b; done', 'loop'],
    ['for x in a b; do echo $x; done', 'for'],
    ['for x; do echo $x; done', 'for'],
    ['case $1 in a|b) x;; (c) y;; *) ;; esac', 'case'],
    ['{ a; b; }', 'group'],
    ['(cd /tmp && ls) > out', 'subshell'],
    ['f() { echo hi; }', 'function'],
    ['function f { echo hi; }', 'function'],
    ['function f() ( echo hi )', 'function'],
  ])('%s', (src, type) => {
    const ast = parse(src);
    expect(firstCommand(ast).type).toBe(type);
    expect(parse(printScript(ast))).toEqual(ast);
  });
  test('for without in has no items', () => {
    expect(firstCommand(parse('for x\ndo y; done'))).not.toHaveProperty('items');
  });
  test('lists: ; & && || newlines and !', () => {
    const ast = parse('a & b; ! c | d && e\nf || g');
    expect(ast.items.map((i) => i.background)).toEqual([true, false, false, false]);
    expect(ast.items[1]!.command.first.negated).toBe(false);
    expect(ast.items[2]!.command.first).toMatchObject({ negated: true });
    expect(ast.items[2]!.command.rest[0]!.op).toBe('&&');
  });
});

describe('incomplete input asks for another line', () => {
  test.each([
    ["echo 'abc", 'quote'], ['echo "abc', 'quote'], ['echo `ls', 'quote'], ['echo ${x', 'quote'],
    ['echo abc\\', 'backslash'], ['if true; then', 'compound'], ['while true', 'compound'], ['{ echo', 'compound'],
    ['(echo', 'compound'], ['echo $(ls', 'compound'], ['cat <<EOF\nhello\n', 'heredoc'], ['cat <<EOF', 'heredoc'],
    ['ls |', 'operator'], ['ls &&', 'operator'], ['ls ||\n', 'operator'], ['case x in a)', 'compound'],
  ])('%j → %s', (src, reason) => {
    expect(() => parse(src)).toThrow(ShellIncompleteError);
    try { parse(src); } catch (e) { expect((e as ShellIncompleteError).reason).toBe(reason); }
  });
  test('the message is what sh prints if the script really ends there', () => {
    expect(() => parse("echo 'a")).toThrow('sh: syntax error: unterminated quoted string');
    expect(() => parse("echo 'a", { dialect: 'bash' })).toThrow("-bash: unexpected EOF while looking for matching `''");
  });
});

describe('syntax errors in the dialect of the shell', () => {
  test.each([
    ['fi', 'sh: syntax error: unexpected "fi"', "-bash: syntax error near unexpected token `fi'"],
    ['echo a )', 'sh: syntax error: unexpected ")"', "-bash: syntax error near unexpected token `)'"],
    ['if then fi', 'sh: syntax error: unexpected "then"', "-bash: syntax error near unexpected token `then'"],
    ['echo >', 'sh: syntax error: unexpected newline', "-bash: syntax error near unexpected token `newline'"],
    ['; ls', 'sh: syntax error: unexpected ";"', "-bash: syntax error near unexpected token `;'"],
    ['{ }', 'sh: syntax error: unexpected "}"', "-bash: syntax error near unexpected token `}'"],
    ['echo ${x!}', 'sh: syntax error: bad substitution', '-bash: ${x!}: bad substitution'],
    ['echo `if`', 'sh: syntax error: unexpected end of file', '-bash: syntax error: unexpected end of file'],
  ])('%s', (src, busybox, bash) => {
    expect(() => parse(src)).toThrow(ShellSyntaxError);
    expect(() => parse(src)).toThrow(busybox);
    expect(() => parse(src, { dialect: 'bash' })).toThrow(bash);
  });
});

describe('hostile input', () => {
  test('deep nesting is capped with a clear error instead of a stack overflow', () => {
    expect(() => parse('('.repeat(100_000))).toThrow(/nesting too deep/);
    expect(() => parse('$('.repeat(50_000))).toThrow(/nesting too deep/);
    expect(() => parse('{ '.repeat(50_000))).toThrow(/nesting too deep/);
  });
  test('100,000-character lines parse quickly', () => {
    const long = 'echo ' + 'a"b"$c\\d '.repeat(10_000);
    expect(simple(long).words).toHaveLength(10_001);
    expect(() => parse('"' + 'x'.repeat(100_000))).toThrow(ShellIncompleteError);
    expect(() => parse('echo $((' + '('.repeat(100_000))).toThrow(ShellIncompleteError);
    expect(parse('a;'.repeat(50_000)).items).toHaveLength(50_000);
  });
});
