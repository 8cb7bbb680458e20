/**
 * Every text a voter, official or observer reads, in Spanish (es-MX, the default) and
 * English. Keys are stable; a missing translation falls back to Spanish.
 */
export type Language = 'es' | 'en';

const messages = {
  'site.title': { es: 'Urna — Tablero público', en: 'Urna — Public bulletin board' },
  'booth.title': { es: 'Urna — Casilla electrónica', en: 'Urna — Voting booth' },
  'lang.switch': { es: 'English', en: 'Español' },
  'nav.board': { es: 'Tablero', en: 'Board' },
  'nav.booth': { es: 'Votar', en: 'Vote' },
  'checkpoint.title': { es: 'Punto de control firmado más reciente', en: 'Latest signed checkpoint' },
  'checkpoint.size': { es: 'Eventos en el registro', en: 'Events in the log' },
  'checkpoint.root': { es: 'Raíz del árbol de Merkle', en: 'Merkle tree root' },
  'checkpoint.signature.ok': { es: 'Firma verificada en este navegador', en: 'Signature verified in this browser' },
  'checkpoint.signature.bad': { es: 'La firma NO es válida', en: 'The signature is NOT valid' },
  'receipt.title': { es: 'Verificar mi comprobante', en: 'Check my receipt' },
  'receipt.code': { es: 'Código de seguimiento', en: 'Tracking code' },
  'receipt.check': { es: 'Verificar', en: 'Check' },
  'receipt.found': { es: 'Su voto cifrado está en el registro público, en la posición', en: 'Your encrypted ballot is in the public log, at position' },
  'receipt.inclusion.ok': { es: 'Prueba de inclusión verificada en este navegador', en: 'Inclusion proof verified in this browser' },
  'receipt.consistency.ok': { es: 'El registro sólo ha crecido desde su comprobante (prueba de consistencia verificada)', en: 'The log has only grown since your receipt (consistency proof verified)' },
  'receipt.notfound': { es: 'No se encontró ningún voto con ese código', en: 'No ballot with that code was found' },
  'receipt.failed': { es: 'La verificación FALLÓ', en: 'Verification FAILED' },
  'turnout.title': { es: 'Participación', en: 'Turnout' },
  'turnout.ballots': { es: 'Votos recibidos', en: 'Ballots received' },
  'turnout.roll': { es: 'Personas en la lista nominal', en: 'Voters on the roll' },
  'turnout.byEntity': { es: 'Votos por entidad de origen', en: 'Ballots by entity of origin' },
  'results.title': { es: 'Resultados', en: 'Results' },
  'results.pending': { es: 'Los resultados se publican después del cierre y del descifrado por las personas custodias', en: 'Results are published after closing and decryption by the trustees' },
  'downloads.title': { es: 'Descargas para auditoría', en: 'Downloads for auditors' },
  'downloads.entries': { es: 'Entradas del registro (JSON)', en: 'Log entries (JSON)' },
  'downloads.record': { es: 'Registro electoral completo', en: 'Full election record' },
  'downloads.acta': { es: 'Acta de cómputo (PDF)', en: 'Tally record (PDF)' },
  'downloads.ballotBox': { es: 'Urna cifrada (JSON Lines)', en: 'Encrypted ballot box (JSON Lines)' },
  'booth.login.title': { es: 'Iniciar sesión', en: 'Sign in' },
  'booth.username': { es: 'Usuario', en: 'Username' },
  'booth.password': { es: 'Contraseña (la recibió por correo electrónico)', en: 'Password (sent to you by e-mail)' },
  'booth.signin': { es: 'Entrar', en: 'Sign in' },
  'booth.code.title': { es: 'Código de verificación', en: 'Verification code' },
  'booth.code.help': { es: 'Escriba el código de 6 dígitos que enviamos a su teléfono celular.', en: 'Enter the 6-digit code we sent to your mobile phone.' },
  'booth.code.confirm': { es: 'Confirmar', en: 'Confirm' },
  'booth.ballot.title': { es: 'Su boleta', en: 'Your ballot' },
  'booth.ballot.help': { es: 'Marque una opción en cada elección. Puede marcar varios emblemas de una misma coalición eligiendo la combinación correspondiente.', en: 'Choose one option in each contest. Several emblems of one coalition are a single combined option.' },
  'booth.encrypt': { es: 'Cifrar mi voto', en: 'Encrypt my ballot' },
  'booth.encrypting': { es: 'Cifrando en este navegador…', en: 'Encrypting in this browser…' },
  'booth.review.title': { es: 'Revise antes de emitir', en: 'Review before casting' },
  'booth.review.code': { es: 'Código de seguimiento de esta boleta cifrada', en: 'Tracking code of this encrypted ballot' },
  'booth.cast': { es: 'Emitir mi voto', en: 'Cast my ballot' },
  'booth.challenge': { es: 'Auditar esta boleta (no se emite)', en: 'Audit this ballot (it is not cast)' },
  'booth.challenge.ok': { es: 'La boleta auditada contenía exactamente sus elecciones. Se cifrará de nuevo antes de emitir.', en: 'The audited ballot held exactly your choices. It will be encrypted afresh before casting.' },
  'booth.challenge.bad': { es: 'La boleta auditada NO corresponde a sus elecciones. No emita; avise a la autoridad.', en: 'The audited ballot does NOT match your choices. Do not cast; alert the authority.' },
  'booth.cast.code': { es: 'Para emitir, confirme con un nuevo código enviado a su celular.', en: 'To cast, confirm with a new code sent to your phone.' },
  'booth.receipt.title': { es: 'Voto recibido', en: 'Ballot received' },
  'booth.receipt.help': { es: 'Guarde este comprobante. Con el código de seguimiento puede verificar en el tablero público que su voto cifrado fue contado.', en: 'Keep this receipt. With the tracking code you can check on the public board that your encrypted ballot was counted.' },
  'booth.receipt.download': { es: 'Descargar comprobante', en: 'Download receipt' },
  'board.election': { es: 'Elección', en: 'Election' },
  'board.phase': { es: 'Etapa', en: 'Phase' },
  'board.window': { es: 'Periodo de votación', en: 'Voting period' },
  'board.publicKey': { es: 'Llave pública de la elección', en: 'Election public key' },
  'board.manifestHash': { es: 'Huella del manifiesto de la elección', en: 'Election manifest hash' },
  'phase.not-opened': { es: 'Sin abrir', en: 'Not opened' },
  'phase.opened': { es: 'Abierta (aún no inicia la votación)', en: 'Opened (voting has not started)' },
  'phase.voting': { es: 'Votación en curso', en: 'Voting in progress' },
  'phase.closed': { es: 'Votación cerrada', en: 'Voting closed' },
  'phase.exported': { es: 'Urna exportada', en: 'Ballot box exported' },
  'checkpoint.key': { es: 'Llave del registro', en: 'Log key' },
  'checkpoint.loading': { es: 'Verificando la firma…', en: 'Verifying the signature…' },
  'checkpoint.none': { es: 'Aún no hay un punto de control firmado', en: 'No signed checkpoint yet' },
  'receipt.checkpoint': { es: 'Punto de control de su comprobante (opcional; péguelo completo)', en: 'Checkpoint from your receipt (optional; paste it whole)' },
  'receipt.checking': { es: 'Verificando en este navegador…', en: 'Verifying in this browser…' },
  'receipt.leaf.ok': { es: 'La entrada del registro es un voto emitido con su código de seguimiento (huella recalculada aquí)', en: 'The log entry is a cast ballot with your tracking code (hash recomputed here)' },
  'receipt.badCode': { es: 'Eso no es un código de seguimiento: use los 16 caracteres (como 7K3Q-9XDF-2M8R-0AWZ) o los 64 dígitos hexadecimales', en: 'That is not a tracking code: use the 16 characters (like 7K3Q-9XDF-2M8R-0AWZ) or the 64 hex digits' },
  'receipt.pending': { es: 'Su voto aún no está cubierto por el punto de control más reciente; intente en unos segundos', en: 'Your ballot is not yet covered by the latest checkpoint; try again in a few seconds' },
  'receipt.castAt': { es: 'Recibido', en: 'Received' },
  'receipt.treeSize': { es: 'Tamaño del árbol verificado', en: 'Verified tree size' },
  'turnout.spoiled': { es: 'Boletas auditadas (no cuentan)', en: 'Audited ballots (not counted)' },
  'turnout.percent': { es: 'Participación', en: 'Turnout' },
  'turnout.entity': { es: 'Entidad', en: 'Entity' },
  'turnout.updated': { es: 'Actualizado', en: 'Updated' },
  'monitoring.title': { es: 'Monitoreo', en: 'Monitoring' },
  'monitoring.component': { es: 'Componente', en: 'Component' },
  'monitoring.position': { es: 'Posición', en: 'Position' },
  'monitoring.lag': { es: 'Retraso (eventos)', en: 'Lag (events)' },
  'monitoring.ledger': { es: 'Bitácora de eventos (cabeza)', en: 'Event ledger (head)' },
  'monitoring.log': { es: 'Registro de transparencia', en: 'Transparency log' },
  'monitoring.checkpointAge': { es: 'Antigüedad del último punto de control', en: 'Age of the latest checkpoint' },
  'monitoring.projection': { es: 'Proyección', en: 'Projection' },
  'results.contest': { es: 'Elección', en: 'Contest' },
  'results.option': { es: 'Opción', en: 'Option' },
  'results.votes': { es: 'Votos', en: 'Votes' },
  'downloads.checkpoint': { es: 'Punto de control firmado (texto)', en: 'Signed checkpoint (text)' },
  'downloads.key': { es: 'Llave de verificación del registro', en: 'Log verifier key' },
  'downloads.api': { es: 'Documentación de la API (OpenAPI)', en: 'API documentation (OpenAPI)' },
  'booth.logout': { es: 'Salir', en: 'Sign out' },
  'booth.code.label': { es: 'Código', en: 'Code' },
  'booth.loadingBallot': { es: 'Preparando su boleta…', en: 'Preparing your ballot…' },
  'booth.preparingKeys': { es: 'Preparando el cifrado en este navegador…', en: 'Preparing encryption in this browser…' },
  'booth.encrypted': { es: 'Boleta cifrada', en: 'Ballot encrypted' },
  'booth.missingChoice': { es: 'Falta marcar una opción en:', en: 'Choose an option in:' },
  'booth.auditing': { es: 'Publicando la boleta auditada y verificando su contenido…', en: 'Publishing the audited ballot and checking its contents…' },
  'booth.audit.result': { es: 'Contenido revelado de la boleta auditada', en: 'Revealed contents of the audited ballot' },
  'booth.reencrypt': { es: 'Cifrar de nuevo y continuar', en: 'Encrypt again and continue' },
  'booth.cast.sendCode': { es: 'Enviar código para emitir', en: 'Send code to cast' },
  'booth.cast.confirm': { es: 'Emitir definitivamente', en: 'Cast for good' },
  'booth.casting': { es: 'Emitiendo su voto…', en: 'Casting your ballot…' },
  'booth.receipt.index': { es: 'Posición en el registro público', en: 'Position in the public log' },
  'booth.receipt.checkpoint': { es: 'Punto de control firmado', en: 'Signed checkpoint' },
  'booth.receipt.verify': { es: 'Verificar en el tablero público', en: 'Check on the public board' },
  'booth.back': { es: 'Modificar mis elecciones', en: 'Change my choices' },
  'error.generic': { es: 'Ocurrió un error', en: 'An error occurred' },
} as const satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof messages;

let current: Language = detect();

function detect(): Language {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('urna.lang') : null;
  return saved === 'en' ? 'en' : 'es';
}

export function language(): Language {
  return current;
}

export function setLanguage(lang: Language): void {
  current = lang;
  if (typeof localStorage !== 'undefined') localStorage.setItem('urna.lang', lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'es' ? 'es-MX' : 'en';
}

export function t(key: MessageKey): string {
  const entry = messages[key] as Record<Language, string> | undefined;
  return entry?.[current] ?? entry?.es ?? key;
}

/** Fills every element carrying data-i18n="key" with the current language's text. */
export function translatePage(root: ParentNode = document): void {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n as MessageKey);
  });
}
