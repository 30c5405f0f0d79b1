// When each copy of each peer's elements was sent, in memory that every load thread shares. The
// receiving peer sits on another thread than its partner, and a server may relay only the latest
// of several copies of an element it read together (a later copy replaces an earlier one on the
// way): the receiver then times each replaced copy from its own send time, as delivered when the
// copy that replaced it arrived.
import { ELEMENTS_PER_PEER } from './payloads.mjs';

/** Versions of one element remembered: a copy this many versions older than the latest is forgotten. */
const VERSIONS_KEPT = 256;

/**
 * Shared memory for `peerCount` peers, every time unrecorded (NaN); post it to every load thread
 * (a SharedArrayBuffer is shared, not copied).
 */
export function sendTimesBuffer(peerCount) {
  const buffer = new SharedArrayBuffer(
    Float64Array.BYTES_PER_ELEMENT * peerCount * ELEMENTS_PER_PEER * VERSIONS_KEPT,
  );
  new Float64Array(buffer).fill(NaN);
  return buffer;
}

/** Reads and writes send times in a buffer made by sendTimesBuffer; a time not recorded reads NaN. */
export function sendTimesIn(buffer) {
  const times = new Float64Array(buffer);
  const at = (peer, slot, version) =>
    (peer * ELEMENTS_PER_PEER + slot) * VERSIONS_KEPT + (version % VERSIONS_KEPT);
  return {
    record(peer, slot, version, sentAt) {
      times[at(peer, slot, version)] = sentAt;
    },
    sentAt(peer, slot, version) {
      return times[at(peer, slot, version)];
    },
    /** The versions after `lastSeen` up to `version` that can still be looked up. */
    firstKept(lastSeen, version) {
      return Math.max(lastSeen + 1, version - VERSIONS_KEPT + 1);
    },
  };
}
