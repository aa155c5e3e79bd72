/** `kubectl options`: the flags every kubectl command takes. */
import { GLOBAL_FLAGS, type KubectlCommand } from '../framework';
import { globalOptionsHelp } from '../framework/help';

export const options: KubectlCommand = {
  name: 'options',
  short: 'List the options that work with every command',
  use: 'options [flags]',
  *run(k) {
    yield* k.out(globalOptionsHelp(GLOBAL_FLAGS));
    return 0;
  },
};
