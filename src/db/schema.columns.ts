import type { ColumnType } from 'kysely';

/** A timestamp column: written as a Date or ISO string, read as a Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
