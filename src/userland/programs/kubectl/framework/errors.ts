/**
 * How kubectl turns a failure into the text the user sees (cmdutil.CheckErr and
 * StandardErrorMessage): API errors as `Error from server (Reason): message`, an Invalid object as
 * `The Pod "x" is invalid: field: message`, a refused connection as the well-known "did you specify
 * the right host or port?", everything else as `error: message`. The exit code is always 1.
 */
import type { Status, StatusCause } from 'kubernetes-types/meta/v1';
import { FlagError } from './flags';

/** A failure a command reports with `error: ` in front (kubectl's `fmt.Errorf` errors). */
export class KubectlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubectlError';
  }
}

/** A wrong invocation: the message and a pointer to the command's help. */
export class UsageError extends KubectlError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The apiserver answered with a failure Status. */
export class ApiStatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? '');
    this.name = 'ApiStatusError';
  }
  get code(): number {
    return this.status.code ?? 500;
  }
  get reason(): string {
    return this.status.reason ?? '';
  }
}

/** The TCP connection to the server failed (`dial tcp …`). */
export class ConnectionError extends Error {
  constructor(
    /** `localhost:8080`, as the kubeconfig or the default names the server. */
    readonly host: string,
    /** Go's net error: `dial tcp 127.0.0.1:8080: connect: connection refused`. */
    readonly detail: string,
    /** The URL of the request that failed, for `Get "…": …` texts. */
    readonly url: string,
    readonly method = 'GET',
  ) {
    super(`${method[0]}${method.slice(1).toLowerCase()} ${JSON.stringify(url)}: ${detail}`);
    this.name = 'ConnectionError';
  }
  get refused(): boolean {
    return this.detail.endsWith('connection refused');
  }
}

const causeText = (c: StatusCause): string => (c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? ''));

function invalidMessage(status: Status): string | undefined {
  const details = status.details;
  if (!details) return undefined;
  const subject = details.kind || details.name ? `The ${details.kind ?? ''} ${JSON.stringify(details.name ?? '')} is invalid` : 'The request is invalid';
  const causes = details.causes ?? [];
  if (causes.length === 0) return undefined;
  if (causes.length === 1) return `${subject}: ${causeText(causes[0]!)}`;
  return `${subject}: \n${causes.map((c) => `* ${causeText(c)}`).join('\n')}`;
}

/**
 * The text CheckErr prints for an error (ending in a newline), given the command path for usage
 * hints (`kubectl get`).
 */
export function errorText(error: unknown, commandPath: string): string {
  const line = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);
  if (error instanceof ApiStatusError) {
    if (error.reason === 'Invalid') {
      const invalid = invalidMessage(error.status);
      if (invalid) return line(invalid);
    }
    if (error.reason === 'Unauthorized') return line(`error: You must be logged in to the server (${error.message})`);
    return line(error.reason ? `Error from server (${error.reason}): ${error.message}` : `Error from server: ${error.message}`);
  }
  if (error instanceof ConnectionError) {
    if (error.refused) return line(`The connection to the server ${error.host} was refused - did you specify the right host or port?`);
    return line(`Unable to connect to the server: ${error.detail}`);
  }
  if (error instanceof FlagError) return line(`error: ${error.message}\nSee '${commandPath} --help' for usage.`);
  if (error instanceof UsageError) return line(`error: ${error.message}\nSee '${commandPath} -h' for help and examples`);
  if (error instanceof KubectlError) return line(error.message.startsWith('error: ') ? error.message : `error: ${error.message}`);
  throw error;
}
