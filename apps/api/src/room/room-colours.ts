/**
 * Cursor and presence colours, readable on the white board. Ordered so that every prefix is well
 * spread: the two people of an interview get blue and orange (apart for colour-blind eyes too),
 * a third gets green, and so on. A hash of the user id used to pick from this list, and one pair
 * in eight got the same colour.
 */
export const ROOM_PALETTE = [
  '#1971c2', // blue
  '#e8590c', // orange
  '#2f9e44', // green
  '#9c36b5', // purple
  '#c2255c', // raspberry
  '#0c8599', // teal
  '#f08c00', // amber
  '#5f3dc4', // indigo
] as const;

/**
 * The colour of `userId` in a room whose participants are `participantIds`, in the session's own
 * order (the repository lists them by sign-up, so the same for every join and every instance).
 * Participants take the palette in that order; anybody else (an admin observing) gets a colour
 * that no participant has, chosen by a hash of their id so it too stays the same all session.
 */
export function roomColourOf(participantIds: readonly string[], userId: string): string {
  const position = participantIds.indexOf(userId);
  if (position >= 0) return ROOM_PALETTE[position % ROOM_PALETTE.length]!;
  const taken = new Set(participantIds.slice(0, ROOM_PALETTE.length).map((_, i) => ROOM_PALETTE[i]));
  const free = ROOM_PALETTE.filter((colour) => !taken.has(colour));
  const choices = free.length > 0 ? free : ROOM_PALETTE;
  return choices[hashOf(userId) % choices.length]!;
}

function hashOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}
