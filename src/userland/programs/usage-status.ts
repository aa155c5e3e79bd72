/**
 * For GNU tools whose usage errors do not exit 1: sort exits 2, timeout 125 (so that its own
 * failures stay apart from the command's). Busybox exits 1 from every usage error.
 */
import { sys, type Program } from '../../engine/runtime/process';
import { parseOptions, usageError, type OptionSpec } from '../lib/args';
import type { Flavour } from '../lib/flavour';
import { defineTool, type ToolBody, type ToolSpec } from '../lib/tool';

export function defineToolWithUsageStatus(
  spec: ToolSpec & { readonly options: OptionSpec },
  gnuStatus: number,
  body: ToolBody,
): (flavour: Flavour) => Program {
  return defineTool({ ...spec, options: 'none' }, function* (tool, raw) {
    const status = tool.flavour === 'gnu' ? gnuStatus : 1;
    const parsed = parseOptions(spec.rewrite ? spec.rewrite(raw.operands) : raw.operands, spec.options);
    if (!parsed.ok) {
      yield* sys.write(2, usageError(tool.name, parsed.error, tool.flavour, spec.usage));
      return status;
    }
    return yield* body({
      ...tool,
      *usage(message) {
        yield* tool.usage(message);
        return status;
      },
    }, parsed.options);
  });
}
