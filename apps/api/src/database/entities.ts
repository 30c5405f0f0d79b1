import { UserEntity } from '../auth/user.entity';

/** Every TypeORM entity of the app, registered once for both databases. */
export const ENTITIES = [UserEntity];
