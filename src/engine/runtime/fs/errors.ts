/**
 * Filesystem errors as programs see them: an errno name plus the exact strerror() text that
 * coreutils and busybox print, e.g. `cat: /x: No such file or directory`.
 */

export const ERRNO_TEXT = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EROFS: 'Read-only file system',
  EACCES: 'Permission denied',
  ELOOP: 'Too many levels of symbolic links',
  // `rm -rf /etc/hosts` in a pod: the file is a bind mount, so the kernel refuses.
  EBUSY: 'Device or resource busy',
  // rename(2) across mounts; `mv` answers it by copying and deleting.
  EXDEV: 'Invalid cross-device link',
  // e.g. moving a directory into itself.
  EINVAL: 'Invalid argument',
} as const;

export type FsErrorCode = keyof typeof ERRNO_TEXT;

export class FsError extends Error {
  /** `text` is what a program prints after `prog: path: `. */
  readonly text: string;
  constructor(
    readonly code: FsErrorCode,
    /** The path as the caller wrote it, so messages echo the user's own spelling. */
    readonly path: string,
  ) {
    super(`${path}: ${ERRNO_TEXT[code]}`);
    this.name = 'FsError';
    this.text = ERRNO_TEXT[code];
  }
}

export const isFsError = (e: unknown, code?: FsErrorCode): e is FsError =>
  e instanceof FsError && (code === undefined || e.code === code);
