/**
 * User and group names from the image's /etc/passwd and /etc/group, as libc's getpwuid() finds
 * them; an image without the files still knows root. Unknown ids print as numbers, as ls does.
 */
import type { Vfs } from '../../engine/runtime/fs';

function lookup(fs: Vfs, file: string, id: number): string | undefined {
  let text: string;
  try {
    text = fs.readFile(file);
  } catch {
    return id === 0 ? 'root' : undefined;
  }
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length >= 3 && Number(fields[2]) === id && fields[2] !== '') return fields[0];
  }
  return undefined;
}

export const userName = (fs: Vfs, uid: number): string | undefined => lookup(fs, '/etc/passwd', uid);
export const groupName = (fs: Vfs, gid: number): string | undefined => lookup(fs, '/etc/group', gid);
