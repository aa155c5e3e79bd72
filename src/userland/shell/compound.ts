// Compound commands, the shell's control flow: if, while/until, for, case, `{ }` and `( )`.
// Conditions run with TESTED, so a failing one never triggers `set -e`; break and continue
// arrive as LoopControl exceptions thrown by the builtins and are caught by the loop they leave.
import type { Sys } from '../../engine/runtime/process';
import type { CompoundCommand, Script } from './ast';
import { LoopControl } from './control';
import { matchPattern } from './pattern';
import { applyRedirects, REDIRECT_FAILURE, restoreRedirects } from './redirect';
import { EXIT, TESTED, type Shell } from './shell';
import { runSubshell } from './subshells';

/** A compound command with redirections (applied around it). */
export function* runCompound(shell: Shell, command: CompoundCommand, flags: number): Sys<number> {
  const undo = yield* applyRedirects(shell, command.redirects);
  if (undo === undefined) return REDIRECT_FAILURE;
  try {
    return yield* runCompoundBody(shell, command, flags & ~EXIT);
  } finally {
    restoreRedirects(shell.proc, undo);
  }
}

export function* runCompoundBody(shell: Shell, command: CompoundCommand, flags: number): Sys<number> {
  switch (command.type) {
    case 'if': {
      for (const clause of command.clauses) {
        if ((yield* shell.runScript(clause.condition, TESTED)) === 0) return yield* shell.runScript(clause.body, flags);
      }
      return command.elseBody ? yield* shell.runScript(command.elseBody, flags) : 0;
    }
    case 'loop':
      return yield* runLoop(shell, function* (shell) {
        const condition = yield* shell.runScript(command.condition, TESTED);
        return (condition === 0) !== command.until;
      }, command.body, flags);
    case 'for': {
      const items = command.items ? yield* shell.expander.words(command.items) : [...shell.positional];
      let next = 0;
      return yield* runLoop(shell, function* (shell) {
        if (next >= items.length) return false;
        yield* shell.assign(command.variable, items[next++]!);
        return true;
      }, command.body, flags);
    }
    case 'case': {
      const subject = yield* shell.expander.string(command.subject);
      for (const arm of command.arms) {
        for (const pattern of arm.patterns) {
          if (matchPattern(yield* shell.expander.pattern(pattern), subject)) return yield* shell.runScript(arm.body, flags);
        }
      }
      return 0;
    }
    case 'group':
      return yield* shell.runScript(command.body, flags);
    case 'subshell':
      return yield* runSubshell(shell, command.body, flags);
  }
}

/** while/until/for: `next` says whether to run the body again; break and continue land here. */
function* runLoop(shell: Shell, next: (shell: Shell) => Sys<boolean>, body: Script, flags: number): Sys<number> {
  let status = 0;
  shell.loopDepth++;
  try {
    for (;;) {
      try {
        if (!(yield* next(shell))) break;
        status = yield* shell.runScript(body, flags & TESTED);
      } catch (e) {
        if (!(e instanceof LoopControl)) throw e;
        if (e.levels > 1) {
          e.levels--;
          throw e;
        }
        if (e.kind === 'break') break;
      }
    }
  } finally {
    shell.loopDepth--;
  }
  return status;
}
