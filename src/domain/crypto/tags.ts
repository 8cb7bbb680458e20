/**
 * Domain-separation tags: one per purpose, never reused for another purpose.
 * A new meaning gets a new tag (e.g. a "/v2" suffix); docs/spec/crypto.md lists them all.
 */
export const TAG_PREFIX = 'urna/v1/';
export const Tags = {
  /** Independent second generator H for Pedersen commitments (hash to element). */
  generatorH: 'urna/v1/generator-h',
  /** Fiat-Shamir challenge of a ballot option's 0-or-1 proof (docs/spec/crypto.md, "Ballots"). */
  ballotOptionProof: 'urna/v1/ballot/option-proof',
  /** Fiat-Shamir challenge of a contest's "exactly one" proof. */
  ballotContestSumProof: 'urna/v1/ballot/contest-sum-proof',
  /** Tracking code of an encrypted ballot: hash of its canonical JSON. */
  ballotTrackingCode: 'urna/v1/ballot/tracking-code',
  /** Voter binding of an urna/ballot/v2 ballot: hash of the pseudonym and a secret binding nonce. */
  ballotVoterBinding: 'urna/v1/ballot/voter-binding',
  /** Voter binding of an urna/ballot/v3 ballot: pseudonym, public credential and a secret binding nonce. */
  ballotVoterCredentialBinding: 'urna/v1/ballot/voter-credential-binding',
  // Credentials (docs/spec/credentials.md): one tag per signature purpose.
  /** A voter's credential secret key, derived from the election, username and password. */
  credentialSecretKey: 'urna/v1/credential/secret-key',
  /** The hedged nonce of every credential signature. */
  credentialSignatureNonce: 'urna/v1/credential/signature-nonce',
  /** The voter's signature on a cast ballot (base hash, tracking code). */
  ballotSignature: 'urna/v1/credential/ballot-signature',
  /** The voter's proof of possession at sign-in (election, username, server challenge). */
  loginSignature: 'urna/v1/credential/login-signature',
  /** Hash of the credential authority's list of public credentials. */
  credentialList: 'urna/v1/credential/list',
  /** The credential authority's signature on its list. */
  credentialListSignature: 'urna/v1/credential/list-signature',
  /** The credential authority's signature on one replacement (revoked and new credential). */
  credentialReplacementSignature: 'urna/v1/credential/replacement-signature',
  // Key ceremony and tally (docs/spec/crypto-ceremony-tally.md).
  /** Ceremony context: binds every ceremony proof and share key to (ceremonyId, n, t). */
  dkgContext: 'urna/v1/dkg-context',
  /** Schnorr proof of knowledge of a polynomial coefficient (Feldman commitment). */
  dkgCoefficientProof: 'urna/v1/dkg-coefficient-proof',
  /** Schnorr proof of knowledge of a trustee's share-transport secret key. */
  dkgTransportKeyProof: 'urna/v1/dkg-transport-key-proof',
  /** Share envelope: encryption key, MAC key, one-block pad, MAC input. */
  dkgShareEncryptionKey: 'urna/v1/dkg-share-encryption-key',
  dkgShareMacKey: 'urna/v1/dkg-share-mac-key',
  dkgSharePad: 'urna/v1/dkg-share-pad',
  dkgShareMac: 'urna/v1/dkg-share-mac',
  /** Schnorr proof, per share envelope, that its dealer knows r of R = r·G (bound to the envelope). */
  dkgEnvelopeKeyProof: 'urna/v1/dkg-envelope-key-proof',
  /** DLEQ proof in a complaint that the revealed Diffie-Hellman secret is the right one. */
  dkgComplaint: 'urna/v1/dkg-complaint',
  /** DLEQ proof of a trustee's partial decryption of a tally ciphertext, bound to the exported
   * ballot box and the contest's ballot count. Its predecessor 'urna/v1/partial-decryption' bound
   * neither; it is retired (records carrying it are refused: crypto-ceremony-tally.md §4.3). */
  partialDecryption: 'urna/v2/partial-decryption',
} as const;
