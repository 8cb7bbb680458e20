/**
 * The board's CheckpointTrust with witnesses (docs/spec/log.md §8.6): the log's key and the
 * election's witness keys are learnt from the server the first time (GET /log/key,
 * GET /log/witnesses) and remembered in this browser; a later visit where either changed fails
 * loudly (key_not_trusted) instead of trusting the new one. A checkpoint is believed only when
 * at least the quorum k of the n remembered witnesses cosigned it (cosignature/v1, verified
 * here); fewer is witnesses_missing, a forged cosignature checkpoint_signature.
 *
 * Trust on first use is weaker than keys printed in the opening report; the fingerprints shown
 * in the details let a person compare them with the report and with each witness operator.
 */
import { type QuorumResult, type WitnessPolicy, checkQuorum, checkWitnessPolicy, keyFingerprint } from '../../src/ledger/checkpoint/witness-policy';
import type { CheckpointTrust } from './checkpoint-trust';
import { ReceiptCheckError } from './log-verifier';

/** The server's published witness configuration (GET /log/witnesses). */
export interface PublishedWitnesses {
  quorum: number;
  witnesses: { name: string; vkey: string; url: string; fingerprint?: string }[];
}

/** Where pins are remembered: window.localStorage in the page, a Map in tests. */
export interface PinStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const LOG_KEY_PIN = 'urna.pin.logKey';
export const WITNESSES_PIN = 'urna.pin.witnesses';

export interface WitnessTrust extends CheckpointTrust {
  /** The policy in force once loaded (after the first check). */
  readonly policy: WitnessPolicy | undefined;
  /** Who cosigned the last checkpoint checked. */
  readonly last: QuorumResult | undefined;
}

/** What is remembered of a witness policy: the quorum and the sorted vkeys (URLs may move). */
function pinOf(policy: WitnessPolicy): string {
  return JSON.stringify({ quorum: policy.quorum, vkeys: policy.witnesses.map((w) => w.vkey).sort() });
}

export function witnessQuorumTrust(load: () => Promise<PublishedWitnesses>, pins: PinStore | undefined): WitnessTrust {
  let policy: WitnessPolicy | undefined;
  let last: QuorumResult | undefined;
  const loadPolicy = async (): Promise<WitnessPolicy> => {
    if (policy) return policy;
    const published = await load();
    const candidate: WitnessPolicy = { quorum: published.quorum, witnesses: published.witnesses.map((w) => ({ name: w.name, vkey: w.vkey, url: w.url })) };
    try {
      checkWitnessPolicy(candidate);
    } catch (err) {
      throw new ReceiptCheckError('key_not_trusted', `the published witness configuration is invalid: ${(err as Error).message}`);
    }
    const remembered = pins?.getItem(WITNESSES_PIN);
    const now = pinOf(candidate);
    if (remembered && remembered !== now) {
      const before = JSON.parse(remembered) as { quorum: number; vkeys: string[] };
      const gone = before.vkeys.filter((v) => !candidate.witnesses.some((w) => w.vkey === v)).map(keyFingerprint);
      const added = candidate.witnesses.filter((w) => !before.vkeys.includes(w.vkey)).map((w) => `${w.name} ${keyFingerprint(w.vkey)}`);
      throw new ReceiptCheckError('key_not_trusted',
        `the witnesses changed since this browser first saw them: quorum ${before.quorum} → ${candidate.quorum}; removed [${gone.join(', ')}]; added [${added.join(', ')}]`);
    }
    if (!remembered) pins?.setItem(WITNESSES_PIN, now);
    policy = candidate;
    return policy;
  };
  return {
    get describes() {
      return policy && policy.quorum > 0 ? 'pinned-key-and-witnesses' : 'pinned-key';
    },
    get policy() {
      return policy;
    },
    get last() {
      return last;
    },
    async checkKey(vkey: string) {
      const remembered = pins?.getItem(LOG_KEY_PIN);
      if (remembered && remembered !== vkey) {
        throw new ReceiptCheckError('key_not_trusted', `the log's key changed since this browser first saw it: ${keyFingerprint(remembered)} → ${keyFingerprint(vkey)}`);
      }
      if (!remembered) pins?.setItem(LOG_KEY_PIN, vkey);
    },
    async checkCosignatures(note: string) {
      const p = await loadPolicy();
      let result: QuorumResult;
      try {
        result = checkQuorum(note, p);
      } catch (err) {
        throw new ReceiptCheckError('checkpoint_signature', `a witness cosignature on the checkpoint is forged: ${(err as Error).message}`);
      }
      last = result;
      if (!result.met) {
        throw new ReceiptCheckError('witnesses_missing',
          `${result.cosigners.length} of the ${p.quorum} witness cosignatures required (${result.cosigners.map((c) => c.name).join(', ') || 'none'})`);
      }
    },
  };
}
