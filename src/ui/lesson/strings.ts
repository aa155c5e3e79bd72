/** The lesson panel's words. */
import { defineStrings } from '../i18n';

export const STRINGS = defineStrings({
  en: {
    panel: 'lesson',
    lessons: 'Lessons',
    loading: 'Loading lessons…',
    broken: 'This lesson could not be read',
    step: 'Step',
    check: 'Check',
    notEvaluated: 'not evaluated yet',
    passed: 'passed',
    failed: 'not yet',
    stepDone: 'done',
    typeCommand: 'Click to type it into the terminal',
    hide: 'Hide the lesson',
    show: 'Show the lesson',
  },
  zh: {
    panel: '课程',
    lessons: '课程',
    loading: '正在加载课程…',
    broken: '无法读取此课程',
    step: '步骤',
    check: '检查',
    notEvaluated: '尚未检查',
    passed: '通过',
    failed: '未通过',
    stepDone: '已完成',
    typeCommand: '点击输入到终端',
    hide: '隐藏课程',
    show: '显示课程',
  },
});

export type Strings = (typeof STRINGS)['en'];
