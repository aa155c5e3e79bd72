/**
 * A command line kubectl refuses before it talks to the server. `message` is the text after
 * `error: `; `seeHelp` says whether kubectl adds `See '<command> -h' for help and examples`
 * (it does for usage mistakes such as a missing NAME, not for bad values).
 */
export class GenerateError extends Error {
  readonly seeHelp: boolean;

  constructor(message: string, options: { seeHelp?: boolean } = {}) {
    super(message);
    this.name = 'GenerateError';
    this.seeHelp = options.seeHelp ?? false;
  }
}
