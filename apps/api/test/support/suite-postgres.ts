/**
 * The PostgreSQL of the tests that need one whichever database the suite runs on: several
 * instances sharing one database (the embedded one belongs to one process), a second connection
 * beside an app's, or what exists on PostgreSQL only (prepared statements, the scene writer's
 * thread). DATABASE_URL when set, otherwise the machine's local one that CI provides.
 */
export const SUITE_POSTGRES = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
