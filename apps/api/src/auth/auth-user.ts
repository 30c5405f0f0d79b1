import type { User } from '@mockboard/contracts';

/**
 * Who a request or socket is signed in as: a plain, read-only copy of the user's own view (the
 * entity's `toUserView`), made once when the token is checked. Services receive this, never the ORM
 * entity, so nothing downstream can save a user by accident or reach the password hash.
 */
export type AuthUser = Readonly<User>;
