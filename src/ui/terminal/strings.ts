/** The terminal panel's words (what the shells print is theirs, not ours). */
import { defineStrings } from '../i18n';

export const TERMINAL_STRINGS = defineStrings({
  en: {
    panel: 'terminal',
    close: (title: string) => `close ${title}`,
    closeTitle: 'Close (hangs up the shell)',
    add: 'new terminal',
    addTitle: (node: string) => `Another root shell on ${node}`,
    find: 'find in terminal',
    findPlaceholder: 'Find in terminal',
    exited: 'The shell has exited.',
    reopen: (node: string) => `Open a new shell on ${node}`,
  },
  zh: {
    panel: '终端',
    close: (title: string) => `关闭 ${title}`,
    closeTitle: '关闭（挂断这个 shell）',
    add: '新终端',
    addTitle: (node: string) => `在 ${node} 上再开一个 root shell`,
    find: '在终端中查找',
    findPlaceholder: '在终端中查找',
    exited: 'shell 已退出。',
    reopen: (node: string) => `在 ${node} 上打开新的 shell`,
  },
});
