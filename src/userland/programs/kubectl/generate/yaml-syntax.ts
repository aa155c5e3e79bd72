/**
 * Whether go-yaml v2 — what kubectl v1.30 reads manifests with (sigs.k8s.io/yaml over its
 * `goyaml.v2` copy) — accepts one YAML document, and if not, its error as kubectl prints it after
 * `error converting YAML to JSON: `, e.g. `yaml: line 7: found character that cannot start any token`.
 *
 * The scanner (yaml-scanner.ts) and this parser follow go-yaml's state machines, so the first
 * problem found and its mark are go-yaml's. The line follows go-yaml's own rule (yaml.go, fail):
 * a scanner error names the problem's 0-based line + 1, a parser error the 0-based line itself —
 * so one line before the token that did not fit — and an error on the first line names none.
 */
import { YamlScanner, YamlSyntaxFailure, type Mark, type Token, type TokenType } from './yaml-scanner';

type EventType =
  | 'stream-start' | 'stream-end' | 'document-start' | 'document-end' | 'alias' | 'scalar'
  | 'sequence-start' | 'sequence-end' | 'mapping-start' | 'mapping-end';

interface YamlEvent {
  type: EventType;
  anchor?: string;
}

type State =
  | 'stream-start' | 'implicit-document-start' | 'document-start' | 'document-content' | 'document-end'
  | 'block-node' | 'block-node-or-indentless-sequence' | 'flow-node'
  | 'block-sequence-first-entry' | 'block-sequence-entry' | 'indentless-sequence-entry'
  | 'block-mapping-first-key' | 'block-mapping-key' | 'block-mapping-value'
  | 'flow-sequence-first-entry' | 'flow-sequence-entry' | 'flow-sequence-entry-mapping-key'
  | 'flow-sequence-entry-mapping-value' | 'flow-sequence-entry-mapping-end'
  | 'flow-mapping-first-key' | 'flow-mapping-key' | 'flow-mapping-value' | 'flow-mapping-empty-value' | 'end';

/** go-yaml's event parser (parserc.go): tokens in, events out, refusing tokens out of place. */
class YamlParser {
  private state: State = 'stream-start';
  private readonly states: State[] = [];
  /** Where each open collection started, for the error's context. */
  private readonly marks: Mark[] = [];
  private tagHandles = new Set<string>();

  constructor(private readonly scanner: YamlScanner) {}

  next(): YamlEvent {
    if (this.state === 'end') return { type: 'stream-end' };
    return this.step();
  }

  private peek(): Token {
    return this.scanner.peek();
  }

  private skip(): void {
    this.scanner.skip();
  }

  private fail(problem: string, problemMark: Mark, context?: Mark): never {
    throw new YamlSyntaxFailure('parser', problem, problemMark, context);
  }

  private pop(): void {
    this.state = this.states.pop()!;
  }

  private is(token: Token, ...types: TokenType[]): boolean {
    return types.includes(token.type);
  }

  private step(): YamlEvent {
    switch (this.state) {
      case 'stream-start': {
        this.peek();
        this.state = 'implicit-document-start';
        this.skip();
        return { type: 'stream-start' };
      }
      case 'implicit-document-start': return this.documentStart(true);
      case 'document-start': return this.documentStart(false);
      case 'document-content': {
        if (this.is(this.peek(), 'version-directive', 'tag-directive', 'document-start', 'document-end', 'stream-end')) {
          this.pop();
          return { type: 'scalar' };
        }
        return this.node(true, false);
      }
      case 'document-end': {
        if (this.peek().type === 'document-end') this.skip();
        this.tagHandles = new Set();
        this.state = 'document-start';
        return { type: 'document-end' };
      }
      case 'block-node': return this.node(true, false);
      case 'block-node-or-indentless-sequence': return this.node(true, true);
      case 'flow-node': return this.node(false, false);
      case 'block-sequence-first-entry': return this.blockSequenceEntry(true);
      case 'block-sequence-entry': return this.blockSequenceEntry(false);
      case 'indentless-sequence-entry': return this.indentlessSequenceEntry();
      case 'block-mapping-first-key': return this.blockMappingKey(true);
      case 'block-mapping-key': return this.blockMappingKey(false);
      case 'block-mapping-value': return this.blockMappingValue();
      case 'flow-sequence-first-entry': return this.flowSequenceEntry(true);
      case 'flow-sequence-entry': return this.flowSequenceEntry(false);
      case 'flow-sequence-entry-mapping-key': return this.flowSequenceEntryMappingKey();
      case 'flow-sequence-entry-mapping-value': return this.flowSequenceEntryMappingValue();
      case 'flow-sequence-entry-mapping-end': {
        this.peek();
        this.state = 'flow-sequence-entry';
        return { type: 'mapping-end' };
      }
      case 'flow-mapping-first-key': return this.flowMappingKey(true);
      case 'flow-mapping-key': return this.flowMappingKey(false);
      case 'flow-mapping-value': return this.flowMappingValue(false);
      case 'flow-mapping-empty-value': return this.flowMappingValue(true);
      case 'end': return { type: 'stream-end' };
    }
  }

  private documentStart(implicit: boolean): YamlEvent {
    let token = this.peek();
    if (!implicit) {
      while (token.type === 'document-end') {
        this.skip();
        token = this.peek();
      }
    }
    if (implicit && !this.is(token, 'version-directive', 'tag-directive', 'document-start', 'stream-end')) {
      this.processDirectives();
      this.states.push('document-end');
      this.state = 'block-node';
      return { type: 'document-start' };
    }
    if (token.type !== 'stream-end') {
      this.processDirectives();
      token = this.peek();
      if (token.type !== 'document-start') this.fail('did not find expected <document start>', token.start);
      this.states.push('document-end');
      this.state = 'document-content';
      this.skip();
      return { type: 'document-start' };
    }
    this.state = 'end';
    this.skip();
    return { type: 'stream-end' };
  }

  private processDirectives(): void {
    let versionSeen = false;
    let token = this.peek();
    while (this.is(token, 'version-directive', 'tag-directive')) {
      if (token.type === 'version-directive') {
        if (versionSeen) this.fail('found duplicate %YAML directive', token.start);
        if (token.version !== '1.1') this.fail('found incompatible YAML document', token.start);
        versionSeen = true;
      } else {
        if (this.tagHandles.has(token.value!)) this.fail('found duplicate %TAG directive', token.start);
        this.tagHandles.add(token.value!);
      }
      this.skip();
      token = this.peek();
    }
    this.tagHandles.add('!').add('!!');
  }

  private node(block: boolean, indentlessSequence: boolean): YamlEvent {
    let token = this.peek();
    if (token.type === 'alias') {
      this.pop();
      this.skip();
      return { type: 'alias', anchor: token.value };
    }
    const start = token.start;
    let anchor: string | undefined;
    let tag: Token | undefined;
    // A node may carry an anchor and a tag, in either order.
    const properties = (): void => {
      if (token.type === 'anchor' && anchor === undefined) anchor = token.value;
      else if (token.type === 'tag' && !tag) tag = token;
      else return;
      this.skip();
      token = this.peek();
      properties();
    };
    properties();
    if (tag && tag.value !== '' && !this.tagHandles.has(tag.value!)) {
      this.fail('found undefined tag handle', tag.start, start);
    }
    if (indentlessSequence && token.type === 'block-entry') {
      this.state = 'indentless-sequence-entry';
      return { type: 'sequence-start', anchor };
    }
    const opens: Partial<Record<TokenType, [EventType, State]>> = {
      'flow-sequence-start': ['sequence-start', 'flow-sequence-first-entry'],
      'flow-mapping-start': ['mapping-start', 'flow-mapping-first-key'],
      ...(block ? {
        'block-sequence-start': ['sequence-start', 'block-sequence-first-entry'],
        'block-mapping-start': ['mapping-start', 'block-mapping-first-key'],
      } : {}),
    } as const;
    if (token.type === 'scalar') {
      this.pop();
      this.skip();
      return { type: 'scalar', anchor };
    }
    const open = opens[token.type];
    if (open) {
      this.state = open[1];
      return { type: open[0], anchor };
    }
    if (anchor !== undefined || tag) {
      this.pop();
      return { type: 'scalar', anchor };
    }
    this.fail('did not find expected node content', token.start, start);
  }

  /** The first call of a collection records where it started and steps over its opening token. */
  private open(first: boolean): void {
    if (!first) return;
    this.marks.push(this.peek().start);
    this.skip();
  }

  private close(type: EventType): YamlEvent {
    this.pop();
    this.marks.pop();
    this.skip();
    return { type };
  }

  private refuse(problem: string, token: Token): never {
    this.fail(problem, token.start, this.marks.pop());
  }

  private blockSequenceEntry(first: boolean): YamlEvent {
    this.open(first);
    let token = this.peek();
    if (token.type === 'block-entry') {
      this.skip();
      token = this.peek();
      if (!this.is(token, 'block-entry', 'block-end')) {
        this.states.push('block-sequence-entry');
        return this.node(true, false);
      }
      this.state = 'block-sequence-entry';
      return { type: 'scalar' };
    }
    if (token.type === 'block-end') return this.close('sequence-end');
    this.refuse('did not find expected \'-\' indicator', token);
  }

  private indentlessSequenceEntry(): YamlEvent {
    let token = this.peek();
    if (token.type === 'block-entry') {
      this.skip();
      token = this.peek();
      if (!this.is(token, 'block-entry', 'key', 'value', 'block-end')) {
        this.states.push('indentless-sequence-entry');
        return this.node(true, false);
      }
      this.state = 'indentless-sequence-entry';
      return { type: 'scalar' };
    }
    this.pop();
    return { type: 'sequence-end' };
  }

  private blockMappingKey(first: boolean): YamlEvent {
    this.open(first);
    let token = this.peek();
    if (token.type === 'key') {
      this.skip();
      token = this.peek();
      if (!this.is(token, 'key', 'value', 'block-end')) {
        this.states.push('block-mapping-value');
        return this.node(true, true);
      }
      this.state = 'block-mapping-value';
      return { type: 'scalar' };
    }
    if (token.type === 'block-end') return this.close('mapping-end');
    this.refuse('did not find expected key', token);
  }

  private blockMappingValue(): YamlEvent {
    let token = this.peek();
    if (token.type === 'value') {
      this.skip();
      token = this.peek();
      if (!this.is(token, 'key', 'value', 'block-end')) {
        this.states.push('block-mapping-key');
        return this.node(true, true);
      }
    }
    this.state = 'block-mapping-key';
    return { type: 'scalar' };
  }

  private flowSequenceEntry(first: boolean): YamlEvent {
    this.open(first);
    let token = this.peek();
    if (token.type !== 'flow-sequence-end') {
      if (!first) {
        if (token.type !== 'flow-entry') this.refuse('did not find expected \',\' or \']\'', token);
        this.skip();
        token = this.peek();
      }
      if (token.type === 'key') {
        this.state = 'flow-sequence-entry-mapping-key';
        this.skip();
        return { type: 'mapping-start' };
      }
      if (token.type !== 'flow-sequence-end') {
        this.states.push('flow-sequence-entry');
        return this.node(false, false);
      }
    }
    return this.close('sequence-end');
  }

  private flowSequenceEntryMappingKey(): YamlEvent {
    const token = this.peek();
    if (!this.is(token, 'value', 'flow-entry', 'flow-sequence-end')) {
      this.states.push('flow-sequence-entry-mapping-value');
      return this.node(false, false);
    }
    this.skip();
    this.state = 'flow-sequence-entry-mapping-value';
    return { type: 'scalar' };
  }

  private flowSequenceEntryMappingValue(): YamlEvent {
    if (this.peek().type === 'value') {
      this.skip();
      if (!this.is(this.peek(), 'flow-entry', 'flow-sequence-end')) {
        this.states.push('flow-sequence-entry-mapping-end');
        return this.node(false, false);
      }
    }
    this.state = 'flow-sequence-entry-mapping-end';
    return { type: 'scalar' };
  }

  private flowMappingKey(first: boolean): YamlEvent {
    this.open(first);
    let token = this.peek();
    if (token.type !== 'flow-mapping-end') {
      if (!first) {
        if (token.type !== 'flow-entry') this.refuse('did not find expected \',\' or \'}\'', token);
        this.skip();
        token = this.peek();
      }
      if (token.type === 'key') {
        this.skip();
        token = this.peek();
        if (!this.is(token, 'value', 'flow-entry', 'flow-mapping-end')) {
          this.states.push('flow-mapping-value');
          return this.node(false, false);
        }
        this.state = 'flow-mapping-value';
        return { type: 'scalar' };
      }
      if (token.type !== 'flow-mapping-end') {
        this.states.push('flow-mapping-empty-value');
        return this.node(false, false);
      }
    }
    return this.close('mapping-end');
  }

  private flowMappingValue(empty: boolean): YamlEvent {
    const token = this.peek();
    if (!empty && token.type === 'value') {
      this.skip();
      if (!this.is(this.peek(), 'flow-entry', 'flow-mapping-end')) {
        this.states.push('flow-mapping-key');
        return this.node(false, false);
      }
    }
    this.state = 'flow-mapping-key';
    return { type: 'scalar' };
  }
}

/** The error go-yaml's decoder raises for a failure, without the `yaml: ` prefix it gets later. */
function located(failure: YamlSyntaxFailure): string {
  let line = 0;
  if (failure.problemMark && failure.problemMark.line !== 0) {
    line = failure.problemMark.line + (failure.kind === 'scanner' ? 1 : 0);
  } else if (failure.contextMark && failure.contextMark.line !== 0) {
    line = failure.contextMark.line;
  }
  return line !== 0 ? `line ${line}: ${failure.problem}` : failure.problem;
}

/**
 * Reads the first document of `text` as go-yaml's Unmarshal does (event by event, aliases resolved
 * against the anchors seen so far) and returns its error, `yaml: …`, or undefined when it parses.
 */
export function goYamlError(text: string): string | undefined {
  // go-yaml reads empty input as a single line break.
  const parser = new YamlParser(new YamlScanner(text === '' ? '\n' : text));
  const anchors = new Set<string>();
  let pending: YamlEvent | undefined;
  const peek = (): YamlEvent => (pending ??= parser.next());
  const take = (): YamlEvent => {
    const event = peek();
    pending = undefined;
    return event;
  };
  const node = (): void => {
    const event = take();
    if (event.type === 'alias') {
      if (!anchors.has(event.anchor!)) throw new UnknownAnchor(event.anchor!);
      return;
    }
    if (event.anchor !== undefined) anchors.add(event.anchor);
    if (event.type === 'document-start') {
      node();
      take();
      return;
    }
    const end = event.type === 'mapping-start' ? 'mapping-end' : event.type === 'sequence-start' ? 'sequence-end' : undefined;
    if (!end) return;
    while (peek().type !== end) node();
    take();
  };
  try {
    take();
    if (peek().type !== 'stream-end') node();
    return undefined;
  } catch (e) {
    if (e instanceof YamlSyntaxFailure) return `yaml: ${located(e)}`;
    if (e instanceof UnknownAnchor) return `yaml: unknown anchor '${e.anchor}' referenced`;
    throw e;
  }
}

class UnknownAnchor extends Error {
  constructor(readonly anchor: string) {
    super(anchor);
  }
}
