/** The creation sequence diagram's words. */
import { defineStrings } from '../../i18n';

export const SEQUENCE_STRINGS = defineStrings({
  en: {
    figure: 'API calls after the last kubectl command',
    empty: 'Run a kubectl command that changes something (kubectl run, create, expose, scale…): the calls the cluster makes after it are drawn here, in order.',
    summary: (calls: number, seconds: string) => `${calls} calls in the ${seconds} s after the command`,
    more: (n: number) => `and ${n} more calls not drawn`,
    after: (seconds: string) => `+${seconds} s`,
  },
  zh: {
    figure: '最近一条 kubectl 命令之后的 API 调用',
    empty: '运行一条会改变集群的 kubectl 命令（kubectl run、create、expose、scale……），之后集群各组件发出的调用会按顺序画在这里。',
    summary: (calls: number, seconds: string) => `命令之后 ${seconds} 秒内的 ${calls} 次调用`,
    more: (n: number) => `另有 ${n} 次调用未画出`,
    after: (seconds: string) => `+${seconds} 秒`,
  },
});
