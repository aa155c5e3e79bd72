/** The terminal's line while a program's file is in the editor panel: dimmed, in the page's language. */
import { useLanguage } from '../i18n';
import { EDITOR_STRINGS } from './strings';

export const editingNotice = (title: string): string => `\x1b[2m${EDITOR_STRINGS[useLanguage.getState().language].editing(title)}\x1b[22m\r\n`;
