/** The Redis Streams adapter's own channel prefix, kept for database 0 (instances of older releases use it). */
const DEFAULT_CHANNEL_PREFIX = 'socket.io';

/**
 * The prefix of the Redis Streams adapter's PUB/SUB channels for a deployment on `redisUrl`. The
 * adapter keeps its stream in the URL's database, but Redis's PUB/SUB ignores database numbers:
 * with one prefix for all, deployments on one Redis server (each on its own database) would count
 * each other's instances (PUBSUB NUMSUB) and hear each other's requests, so a room's join would wait
 * for an answer from another deployment's instance that was busy or frozen, and fail. (Seen in CI,
 * where each Jest worker's instances use a database of their own.) The prefix names the database,
 * as the stream's key is scoped by it.
 */
export function clusterChannelPrefix(redisUrl: string): string {
  const database = Number.parseInt(new URL(redisUrl).pathname.slice(1), 10);
  return Number.isInteger(database) && database > 0
    ? `${DEFAULT_CHANNEL_PREFIX}-db${database}`
    : DEFAULT_CHANNEL_PREFIX;
}

/**
 * The channel on which an instance of namespace `namespace` gets the answers to its questions, as
 * the Redis Streams adapter names it (`<prefix>#<namespace>#<uid>#`): subscribed for as long as the
 * instance lives, so `PUBSUB NUMSUB` on it tells whether it still does (live-instances.ts).
 */
export function replyChannel(prefix: string, namespace: string, uid: string): string {
  return `${prefix}#${namespace}#${uid}#`;
}
