/**
 * Whether a cast ballot's line reuses an α or β a spoiled ballot's disclosure opened (record.md
 * V18), read from the line without parsing it when it cannot: every ciphertext a spoiled ballot
 * discloses is a 64-digit hex string, and such a string appears in canonical JSON as exactly
 * `"<64 digits>"`, so a line with none of them among its quoted 64-digit strings reuses none.
 * Only a line that might is parsed and judged as V18 always did (ballotCiphertexts, first one).
 */
import { ballotCiphertexts } from '../domain/crypto/ballot/benaloh';

const HEX = /^[0-9a-f]{64}$/;
const QUOTED_HEX = /"([0-9a-f]{64})"/g;

export function spoiledReuse(disclosed: ReadonlySet<string>): (line: string) => string | undefined {
  // A disclosed value that is not such a string (a tampered record) could hide escaped: parse every line then.
  const quick = [...disclosed].every((c) => HEX.test(c));
  return (line) => {
    if (disclosed.size === 0) return undefined;
    if (quick && ![...line.matchAll(QUOTED_HEX)].some((m) => disclosed.has(m[1]))) return undefined;
    return ballotCiphertexts(JSON.parse(line)).find((c) => disclosed.has(c));
  };
}
