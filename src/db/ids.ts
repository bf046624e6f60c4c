import { v7 as uuidv7 } from 'uuid';

/** A new record id: UUIDv7, time-ordered, made where the record is made (DESIGN §3.6). */
export function newId(): string {
  return uuidv7();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a text is a record id the database can look up (any UUID, not only ours). */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
