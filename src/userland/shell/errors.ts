// Parse errors. "Incomplete" (more input could still make it valid: the terminal shows the "> "
// prompt) is a different class from a real syntax error, so callers can tell them apart with
// instanceof. Messages follow the chosen dialect: busybox ash or bash.

export type ShellDialect = 'busybox' | 'bash';

export type IncompleteReason =
  | 'quote' // unterminated '...', "...", `...`, ${...}, $((...
  | 'backslash' // a trailing \ asks for the next line
  | 'heredoc' // a here-document whose terminator has not arrived
  | 'compound' // an open if/while/for/case/{/( or $(
  | 'operator'; // a trailing |, &&, ||

export abstract class ShellParseError extends Error {
  constructor(
    prefix: string,
    /** The message without the `sh: ` prefix: the interpreter adds its own (`bash: -c: line 2: `). */
    readonly detail: string,
    readonly position: number,
  ) {
    super(prefix + detail);
  }
}

export class ShellSyntaxError extends ShellParseError {
  override name = 'ShellSyntaxError';
}

export class ShellIncompleteError extends ShellParseError {
  override name = 'ShellIncompleteError';
  constructor(
    prefix: string,
    detail: string,
    position: number,
    readonly reason: IncompleteReason,
  ) {
    super(prefix, detail, position);
  }
}

/** Builds dialect-specific messages, e.g. `sh: syntax error: unexpected "fi"`. */
export class ErrorFactory {
  readonly prefix: string;
  constructor(
    readonly dialect: ShellDialect,
    shellName?: string,
  ) {
    this.prefix = `${shellName ?? (dialect === 'bash' ? '-bash' : 'sh')}: `;
  }

  /** token is the source text of the token, or 'newline'. */
  unexpected(token: string, position: number): ShellSyntaxError {
    const text =
      this.dialect === 'bash'
        ? `syntax error near unexpected token \`${token}'`
        : token === 'newline'
          ? 'syntax error: unexpected newline'
          : `syntax error: unexpected "${token}"`;
    return new ShellSyntaxError(this.prefix, text, position);
  }

  /** The message is what the shell prints if the input really ends here (e.g. sh -c '...'). */
  incomplete(reason: IncompleteReason, position: number, closer?: string): ShellIncompleteError {
    let text: string;
    if (reason === 'quote' && closer !== undefined) {
      text =
        this.dialect === 'bash'
          ? `unexpected EOF while looking for matching \`${closer}'`
          : 'syntax error: unterminated quoted string';
    } else {
      text = 'syntax error: unexpected end of file';
    }
    return new ShellIncompleteError(this.prefix, text, position, reason);
  }

  /** Input that is complete but still ends early, e.g. an open `if` inside backquotes. */
  endOfFile(position: number): ShellSyntaxError {
    return new ShellSyntaxError(this.prefix, 'syntax error: unexpected end of file', position);
  }

  badSubstitution(text: string, position: number): ShellSyntaxError {
    const message = this.dialect === 'bash' ? `${text}: bad substitution` : 'syntax error: bad substitution';
    return new ShellSyntaxError(this.prefix, message, position);
  }

  tooDeep(limit: number, position: number): ShellSyntaxError {
    return new ShellSyntaxError(this.prefix, `syntax error: nesting too deep (more than ${limit} levels)`, position);
  }
}
