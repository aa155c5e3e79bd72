/** The creation sequence diagram's words. */
import { defineStrings } from '../../i18n';

export const SEQUENCE_STRINGS = defineStrings({
  en: {
    figure: 'API calls after the last kubectl command',
    empty: 'Run a kubectl command that changes something (kubectl run, create, expose, scale…): the calls the cluster makes after it are drawn here, in order.',
    summary: (steps: number, seconds: string) => `${steps} calls and watch events in the ${seconds} s after the command`,
    legend: 'solid: a call (API or CRI) · dashed: a watch event that woke a component',
    more: (n: number) => `and ${n} more not drawn`,
    after: (seconds: string) => `+${seconds} s`,
  },
  zh: {
    figure: '最近一条 kubectl 命令之后的 API 调用',
    empty: '运行一条会改变集群的 kubectl 命令（kubectl run、create、expose、scale……），之后集群各组件发出的调用会按顺序画在这里。',
    summary: (steps: number, seconds: string) => `命令之后 ${seconds} 秒内的 ${steps} 次调用与 watch 事件`,
    legend: '实线：一次调用（API 或 CRI）· 虚线：唤醒某个组件的 watch 事件',
    more: (n: number) => `另有 ${n} 条未画出`,
    after: (seconds: string) => `+${seconds} 秒`,
  },
});
