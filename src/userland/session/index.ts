export { openSession, type Session, type SessionHost, type SessionOptions } from './session';
