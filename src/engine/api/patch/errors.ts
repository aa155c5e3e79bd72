/** A patch the server cannot apply. Carries the HTTP code and Status reason the response uses. */
export class PatchError extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(message: string, code = 400, reason = code === 422 ? 'Invalid' : 'BadRequest') {
    super(message);
    this.name = 'PatchError';
    this.code = code;
    this.reason = reason;
  }
}
