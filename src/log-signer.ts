import type { Configuration } from './config/configuration';
import { dataLayout } from './config/data-layout';
import type { NoteSigner } from './ledger/checkpoint/note-signer';
import { SoftwareNoteSigner } from './ledger/checkpoint/software-note-signer';

/**
 * The key that signs the transparency log's checkpoints: inside a PKCS#11 token when one is
 * configured (production: an HSM or smart card; tests: SoftHSM), else a software key file in
 * the data folder (the embedded default, created 0600 on first start).
 */
export async function createLogSigner(config: Configuration): Promise<NoteSigner> {
  if (config.URNA_LOG_PKCS11_TOKEN) {
    // Loaded only when configured, so machines without a PKCS#11 library still start.
    const { Pkcs11NoteSigner } = await import('./hsm/pkcs11-note-signer');
    return Pkcs11NoteSigner.open({
      tokenLabel: config.URNA_LOG_PKCS11_TOKEN,
      pin: config.URNA_LOG_PKCS11_PIN!,
      keyLabel: config.URNA_LOG_PKCS11_KEY_LABEL,
      name: config.URNA_LOG_ORIGIN,
      key: 'generate-if-missing',
    });
  }
  return SoftwareNoteSigner.fromKeyFile(config.URNA_LOG_KEY_FILE ?? dataLayout(config.URNA_DATA_DIR).logKeyFile, config.URNA_LOG_ORIGIN);
}
