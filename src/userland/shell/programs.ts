/** The shells as programs: busybox `sh`/`ash` and `bash` of each system's build, by program id. */
import type { Program } from '../../engine/runtime/process';
import { shellProgram } from './main';

const ash = shellProgram('busybox');

/** What Debian's /etc/bash.bashrc makes the prompt: `root@web:/# `. */
const DEBIAN_PROMPT = '\\u@\\h:\\w\\$ ';

export const SHELL_PROGRAMS: Readonly<Record<string, Program>> = {
  'busybox:sh': ash,
  'busybox:ash': ash,
  // Debian 12 (bookworm) images.
  bash: shellProgram('bash', { version: '5.2.15(1)-release', machine: 'x86_64-pc-linux-gnu', year: 2022, prompt: DEBIAN_PROMPT }),
  // Debian 11 (bullseye) images, such as nginx:1.20.
  'bash:5.1.4': shellProgram('bash', { version: '5.1.4(1)-release', machine: 'x86_64-pc-linux-gnu', year: 2020, prompt: DEBIAN_PROMPT }),
  // Rocky Linux 9: the nodes (the prompt comes from /etc/bashrc).
  'bash:5.1.8': shellProgram('bash', { version: '5.1.8(1)-release', machine: 'x86_64-redhat-linux-gnu', year: 2020 }),
};
