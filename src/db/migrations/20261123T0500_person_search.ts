import { sql, type Kysely } from 'kysely';

/**
 * Finding a person by name searches only the posts the user works at, so the index leads with the
 * post: one GIN index over the post and the name's trigrams (btree_gin lets a GIN index hold the
 * post's uuid beside the trigrams). A search then reads the entries of the user's posts that hold
 * the words' trigrams, and its cost follows the size of those posts, not how common the name is in
 * the whole country; the trigram index on the name alone read every "maria" of the nation first.
 * Merged records are never found, so they stay out of the index.
 *
 * Open duplicate flags are looked up by either person of the pair for every person a search or a
 * household lists; without an index each lookup read every flag.
 */
const statements = [
  `CREATE EXTENSION IF NOT EXISTS btree_gin`,
  `CREATE INDEX persons_by_post_and_name ON persons USING gin (facility_id, search_name gin_trgm_ops)
     WHERE merged_into IS NULL`,
  `DROP INDEX persons_by_name`,
  `CREATE INDEX duplicate_candidates_open_by_person ON duplicate_candidates (person_id) WHERE status = 'open'`,
  `CREATE INDEX duplicate_candidates_open_by_candidate ON duplicate_candidates (candidate_id) WHERE status = 'open'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
