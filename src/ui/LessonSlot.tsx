/**
 * Where the lesson goes: a placeholder aside that folds away. The lessons replace its content.
 */
import { useState } from 'react';

export function LessonSlot() {
  const [open, setOpen] = useState(true);
  return (
    <aside className={open ? 'lesson' : 'lesson folded'} aria-label="lesson">
      <button className="lesson-toggle" aria-expanded={open} onClick={() => setOpen(!open)} title={open ? 'Hide the lesson' : 'Show the lesson'}>
        {open ? '‹' : '›'}
      </button>
    </aside>
  );
}
