/**
 * Whether a diagram is drawn inside a lesson step rather than on its tab. A diagram that must not
 * repeat the tab's controls or names there (two landmarks called the same) reads it.
 */
import { createContext } from 'react';

export const InLesson = createContext(false);
