/**
 * The RFC 8785 (JCS) serialization of a ballot without its tracking code, written out directly
 * for a ballot that parse-ballot.ts accepted: its members are exactly the known ones, its
 * hexadecimal fields are 64 lowercase digits, so the member order is fixed and only the
 * identifiers need JSON string escaping. It equals canonicalJson({format, baseHash, styleId,
 * voterBinding, contests}) (test/native-verification/ballot-jcs.spec.ts), at a fraction of the
 * cost of the general serializer on a 47 kB ballot.
 *
 * Undefined when an identifier holds a surrogate code unit: the general serializer decides
 * those (it refuses lone surrogates), on the slow path.
 */
interface BallotLike {
  format: string;
  baseHash: string;
  styleId: string;
  voterBinding: string;
  contests: { contestId: string; options: { alpha: string; beta: string; optionId: string; proof: Record<string, string> }[]; sumProof: Record<string, string> }[];
}

const SURROGATE = /[\uD800-\uDFFF]/;

function id(s: string): string {
  if (SURROGATE.test(s)) throw new SurrogateFound();
  return JSON.stringify(s);
}

class SurrogateFound extends Error {}

export function ballotJcs(input: unknown): string | undefined {
  const b = input as BallotLike;
  try {
    let out = `{"baseHash":"${b.baseHash}","contests":[`;
    b.contests.forEach((c, ci) => {
      if (ci > 0) out += ',';
      out += `{"contestId":${id(c.contestId)},"options":[`;
      c.options.forEach((o, oi) => {
        const p = o.proof;
        if (oi > 0) out += ',';
        out += `{"alpha":"${o.alpha}","beta":"${o.beta}","optionId":${id(o.optionId)},"proof":{"a0":"${p.a0}","a1":"${p.a1}","b0":"${p.b0}","b1":"${p.b1}","c0":"${p.c0}","c1":"${p.c1}","v0":"${p.v0}","v1":"${p.v1}"}}`;
      });
      const s = c.sumProof;
      out += `],"sumProof":{"a":"${s.a}","b":"${s.b}","v":"${s.v}"}}`;
    });
    return `${out}],"format":${id(b.format)},"styleId":${id(b.styleId)},"voterBinding":"${b.voterBinding}"}`;
  } catch (err) {
    if (err instanceof SurrogateFound) return undefined;
    throw err;
  }
}
