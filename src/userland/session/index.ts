export { openSession, ROCKY_PS1, type Session, type SessionHost, type SessionOptions } from './session';
