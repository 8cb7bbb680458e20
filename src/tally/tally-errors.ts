/** Why a tally ceremony stopped, in Spanish and English; `code` is stable. */
export class TallyError extends Error {
  constructor(readonly code: string, message: string, readonly details?: unknown) {
    super(message);
    this.name = new.target.name;
  }
}

export class BallotBoxMismatchError extends TallyError {
  constructor(readonly recomputed: string, readonly atClosing: string) {
    super('BALLOT_BOX_MISMATCH',
      `La huella de la urna recalculada (${recomputed}) no coincide con la del cierre (${atClosing}); el cómputo no continúa. / ` +
      `The recomputed ballot box hash (${recomputed}) differs from the one recorded at closing (${atClosing}); the tally does not go on.`);
  }
}

export class InvalidCastBallotError extends TallyError {
  constructor(readonly position: number, readonly reasons: string[]) {
    super('INVALID_CAST_BALLOT', `La boleta en la posición ${position} no verifica / the ballot at position ${position} does not verify: ${reasons.join('; ')}`);
  }
}

export interface TrusteeFailure {
  trusteeIndex: number;
  code: string;
  message: string;
}

export class NotEnoughTrusteesForTallyError extends TallyError {
  constructor(readonly valid: number[], readonly threshold: number, readonly failures: TrusteeFailure[]) {
    super('NOT_ENOUGH_TRUSTEES',
      `Se necesitan ${threshold} fideicomisarios con descifrados válidos y hay ${valid.length} (${valid.join(', ') || 'ninguno'}); no se publican resultados. / ` +
      `${threshold} trustees with valid partial decryptions are needed, ${valid.length} present; no results are published.` +
      failures.map((f) => ` [fideicomisario/trustee ${f.trusteeIndex}: ${f.code}]`).join(''), { valid, failures });
  }
}
