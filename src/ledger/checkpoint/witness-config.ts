/**
 * The election's witnesses as the service is configured with them (docs/spec/log.md §8.3):
 *   URNA_WITNESSES        entries separated by "," or newlines, each "<witness vkey> <URL>"
 *                         (the vkey as `urna witness init` prints it; the URL is the witness's
 *                         submission prefix, the log posts to <URL>/add-checkpoint)
 *   URNA_WITNESS_QUORUM   k, how many distinct witnesses must cosign a checkpoint before a
 *                         receipt counts as protected from a split view; default a majority,
 *                         floor(n/2) + 1
 * No witnesses (the default) means quorum 0: checkpoints are served as the log signs them.
 */
import { parseCosignerKey } from './cosignature';
import { type WitnessPolicy, checkWitnessPolicy } from './witness-policy';

export class WitnessConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WitnessConfigError';
  }
}

export function parseWitnessConfig(list: string | undefined, quorum: string | undefined): WitnessPolicy {
  const entries = (list ?? '').split(/[,\n]/).map((e) => e.trim()).filter((e) => e.length > 0);
  const witnesses = entries.map((entry) => {
    const parts = entry.split(/\s+/);
    if (parts.length !== 2) throw new WitnessConfigError(`URNA_WITNESSES: "${entry}" is not "<witness vkey> <URL>"`);
    const [vkey, url] = parts;
    let name: string;
    try {
      name = parseCosignerKey(vkey).name;
    } catch (err) {
      throw new WitnessConfigError(`URNA_WITNESSES: "${vkey}" is not a witness key: ${(err as Error).message}`);
    }
    if (!/^https?:\/\/[^\s]+$/.test(url)) throw new WitnessConfigError(`URNA_WITNESSES: "${url}" is not an http(s) URL`);
    return { name, vkey, url: url.replace(/\/+$/, '') };
  });
  if (quorum !== undefined && quorum !== '' && !/^(0|[1-9][0-9]*)$/.test(quorum)) throw new WitnessConfigError(`URNA_WITNESS_QUORUM: "${quorum}" is not a whole number`);
  const k = quorum !== undefined && quorum !== '' ? Number(quorum) : witnesses.length === 0 ? 0 : Math.floor(witnesses.length / 2) + 1;
  const policy = { quorum: k, witnesses };
  try {
    checkWitnessPolicy(policy);
  } catch (err) {
    throw new WitnessConfigError(`URNA_WITNESSES / URNA_WITNESS_QUORUM: ${(err as Error).message}`);
  }
  return policy;
}

export function witnessPolicyFromEnv(env: Record<string, string | undefined>): WitnessPolicy {
  return parseWitnessConfig(env.URNA_WITNESSES, env.URNA_WITNESS_QUORUM);
}
