import { v7 as uuidv7 } from 'uuid';

/** A new record id: UUIDv7, time-ordered, made where the record is made (DESIGN §3.6). */
export function newId(): string {
  return uuidv7();
}
