export { openSession, type Session, type SessionHost, type SessionOptions } from './session';
export { ROCKY_PS1 } from '../lib/login';
