/**
 * Catalog of voters' credentials and the credential authority (issue 13): the refusals of the
 * credential list's decider and of the voting rules on credentials (src/domain/credentials,
 * src/domain/voting), the service's import of the authority's files (src/credentials), and
 * what `urna credentials …` prints at the credential authority's own machine.
 * Tests match codes, and sometimes texts: a change here is a change of what people read.
 */
import { defineCatalog, template } from './catalog';

export const credentialMessages = defineCatalog({
  // The public credential list's decider (src/domain/credentials).
  'list.frozen': {
    es: 'La elección ya se abrió: la lista de credenciales públicas no puede cambiar; solo la autoridad de credenciales puede reponer una credencial.',
    en: 'The election is open: the list of public credentials cannot change; only the credential authority can replace a credential.',
  },
  'authority.alreadyEnrolled': { es: 'La autoridad de credenciales ya está registrada.', en: 'The credential authority is already enrolled.' },
  'authority.invalidKey': {
    es: 'La llave de la autoridad de credenciales no es un elemento válido del grupo (ristretto255, distinto de la identidad).',
    en: 'The credential authority\'s key is not a valid group element (ristretto255, not the identity).',
  },
  'authority.missingName': { es: 'Falta el nombre de la autoridad de credenciales.', en: 'The credential authority\'s name is missing.' },
  'authority.notEnrolled': { es: 'Primero registre la llave de la autoridad de credenciales.', en: 'Enrol the credential authority\'s key first.' },
  'list.alreadyPublished': { es: 'La lista de credenciales públicas ya se publicó; no puede cambiar.', en: 'The list of public credentials is already published; it cannot change.' },
  'list.invalid': template(
    { reason: 'the list is empty' },
    { es: ({ reason }) => `La lista de credenciales no es válida: ${reason}.`, en: ({ reason }) => `The credential list is not valid: ${reason}.` },
  ),
  'list.invalidCredential': template(
    { credential: '00…' },
    {
      es: ({ credential }) => `La credencial ${credential} no es un elemento válido del grupo.`,
      en: ({ credential }) => `Credential ${credential} is not a valid group element.`,
    },
  ),
  'list.anotherRoll': {
    es: 'La lista de credenciales se hizo para otra lista nominal (otro compromiso).',
    en: 'The credential list was made for another roll (another roll commitment).',
  },
  'list.wrongSize': template(
    { credentials: 9, voters: 10 },
    {
      es: ({ credentials, voters }) => `La lista tiene ${credentials} credenciales y la lista nominal ${voters} personas: debe haber una por persona.`,
      en: ({ credentials, voters }) => `The list has ${credentials} credentials and the roll ${voters} voters: there must be one per voter.`,
    },
  ),
  'list.notSigned': {
    es: 'La lista de credenciales no está firmada por la llave de la autoridad de credenciales.',
    en: 'The credential list is not signed by the credential authority\'s key.',
  },
  'list.notPublished': { es: 'Aún no se publica la lista de credenciales.', en: 'The credential list is not published yet.' },
  'replacement.votingClosed': { es: 'La votación ya cerró: no se reponen credenciales.', en: 'Voting is closed: credentials are no longer replaced.' },
  'replacement.outOfOrder': template(
    { number: 3, expected: 2 },
    {
      es: ({ number, expected }) => `La reposición número ${number} llega cuando se espera la ${expected}.`,
      en: ({ number, expected }) => `Replacement number ${number} arrives where number ${expected} is due.`,
    },
  ),
  'replacement.notActive': {
    es: 'La credencial a revocar no está en la lista o ya fue revocada.',
    en: 'The credential to revoke is not on the list or was already revoked.',
  },
  'replacement.alreadyListed': { es: 'La credencial nueva ya estuvo en la lista.', en: 'The new credential was already on the list.' },
  'replacement.notSigned': {
    es: 'La reposición no está firmada por la llave de la autoridad de credenciales.',
    en: 'The replacement is not signed by the credential authority\'s key.',
  },

  // The service's import of the authority's files (src/credentials).
  'import.malformed': template(
    { reason: 'signature is not 128 lowercase hexadecimal digits' },
    { es: ({ reason }) => `El archivo de la autoridad de credenciales no es válido: ${reason}.`, en: ({ reason }) => `The credential authority's file is not valid: ${reason}.` },
  ),
  'import.otherElection': template(
    { file: 'otra-eleccion', election: 'simulacro-2024' },
    {
      es: ({ file, election }) => `El archivo es de la elección ${file}, no de ${election}.`,
      en: ({ file, election }) => `The file is for election ${file}, not ${election}.`,
    },
  ),
  'import.listHash': {
    es: 'El hash de la lista en el archivo no es el de sus credenciales.',
    en: 'The file\'s list hash is not the hash of its credentials.',
  },
  'import.assignments': template(
    { reason: 'pseudonym x has two credentials' },
    {
      es: ({ reason }) => `La asignación de credenciales no da exactamente una credencial de la lista a cada persona de la lista nominal: ${reason}.`,
      en: ({ reason }) => `The credential assignment does not give each voter of the roll exactly one credential of the list: ${reason}.`,
    },
  ),
  'import.noRoll': { es: 'Primero importe la lista nominal.', en: 'Import the roll first.' },
  'import.otherList': {
    es: 'Ya se publicó otra lista de credenciales para esta elección; no puede cambiar.',
    en: 'Another credential list is already published for this election; it cannot change.',
  },
  'import.notOnRoll': template(
    { pseudonym: 'abc' },
    { es: ({ pseudonym }) => `El seudónimo ${pseudonym} no está en la lista nominal.`, en: ({ pseudonym }) => `Pseudonym ${pseudonym} is not on the roll.` },
  ),

  // The opening report (src/documents/pdf/opening-report-pdf.ts).
  'opening.heading': { es: 'Credenciales de votación', en: 'Voting credentials' },
  'opening.statement': {
    es: 'La autoridad de credenciales, independiente del servicio de votación, entregó a cada persona de la lista nominal una credencial secreta y publicó, firmadas con su llave, solo las credenciales públicas. Solo cuentan los votos firmados por una de ellas, una vez. Compare la llave y la huella con las que publicó la autoridad de credenciales.',
    en: 'The credential authority, independent of the voting service, gave each voter of the roll a secret credential and published, signed with its key, only the public credentials. Only ballots signed by one of them count, once each. Compare the key and the fingerprint with the ones the credential authority published.',
  },
  'opening.authority': { es: 'Autoridad de credenciales', en: 'Credential authority' },
  'opening.authorityKey': { es: 'Llave de la autoridad', en: 'Authority key' },
  'opening.count': { es: 'Credenciales públicas', en: 'Public credentials' },
  'opening.fingerprint': { es: 'Huella de la lista', en: 'List fingerprint' },

  // `urna credentials …` (src/credentials/credentials-cli.ts).
  'cli.description': {
    es: 'autoridad de credenciales (init, generate, deliver, replace, en su propia máquina) y su importación en el servicio (request, enrol, import, import-replacement)',
    en: 'credential authority (init, generate, deliver, replace, on its own machine) and the service\'s import (request, enrol, import, import-replacement)',
  },
  'cli.option.data': { es: 'carpeta de datos de la autoridad de credenciales', en: 'the credential authority\'s data folder' },
  'cli.option.name': { es: 'nombre de la autoridad de credenciales', en: 'the credential authority\'s name' },
  'cli.option.request': { es: 'archivo urna.credential-request/1 del servicio', en: 'the service\'s urna.credential-request/1 file' },
  'cli.option.out': { es: 'archivo de salida', en: 'output file' },
  'cli.option.outbox': { es: 'carpeta de correo saliente (sin URNA_SMTP_URL)', en: 'outbox folder (without URNA_SMTP_URL)' },
  'cli.option.systemUrl': { es: 'dirección de la casilla que imprimen los correos', en: 'the booth\'s address the e-mails print' },
  'cli.option.pseudonym': { es: 'seudónimo de la persona cuya credencial se repone', en: 'pseudonym of the voter whose credential is replaced' },
  'cli.option.election': { es: 'identificador de la elección', en: 'election id' },
  'cli.option.key': { es: 'llave pública de la autoridad (64 hexadecimales), recibida de ella', en: 'the authority\'s public key (64 hex), received from it' },
  'cli.option.list': { es: 'archivo urna.credential-list/1 de la autoridad', en: 'the authority\'s urna.credential-list/1 file' },
  'cli.option.file': { es: 'archivo urna.credential-replacement/1 de la autoridad', en: 'the authority\'s urna.credential-replacement/1 file' },
  'cli.cmd.init': { es: 'crea la llave de la autoridad en su carpeta', en: 'creates the authority\'s key in its folder' },
  'cli.cmd.generate': { es: 'contraseñas, credenciales públicas y lista firmada', en: 'passwords, public credentials and the signed list' },
  'cli.cmd.deliver': { es: 'envía los correos de credenciales y destruye las contraseñas', en: 'sends the credential e-mails and destroys the passwords' },
  'cli.cmd.replace': { es: 'repone la credencial de una persona (correo incluido)', en: 'replaces one voter\'s credential (e-mail included)' },
  'cli.cmd.request': { es: 'servicio: exporta la solicitud para la autoridad', en: 'service: exports the request for the authority' },
  'cli.cmd.enrol': { es: 'servicio: registra la llave pública de la autoridad', en: 'service: enrols the authority\'s public key' },
  'cli.cmd.import': { es: 'servicio: importa la lista firmada y el mapeo sellado', en: 'service: imports the signed list and the sealed mapping' },
  'cli.cmd.importReplacement': { es: 'servicio: importa una reposición firmada', en: 'service: imports one signed replacement' },
  'cli.authorityKey': template(
    { key: 'ab12…', fingerprint: 'ab12-cd34' },
    { es: ({ key, fingerprint }) => `Llave de la autoridad de credenciales: ${key} (huella ${fingerprint})`, en: ({ key, fingerprint }) => `Credential authority key: ${key} (fingerprint ${fingerprint})` },
  ),
  'cli.keyKept': { es: 'la llave ya existía y se conserva', en: 'the key existed already and is kept' },
  'cli.generated': template(
    { count: 100, fingerprint: '1a2b-…', out: 'lista.json' },
    {
      es: ({ count, fingerprint, out }) => `${count} credenciales; huella de la lista ${fingerprint}; archivo para el servicio: ${out}`,
      en: ({ count, fingerprint, out }) => `${count} credentials; list fingerprint ${fingerprint}; file for the service: ${out}`,
    },
  ),
  'cli.delivered': template(
    { sent: 99, failed: 1 },
    {
      es: ({ sent, failed }) => `${sent} correos enviados, ${failed} rechazados; las contraseñas se destruyeron`,
      en: ({ sent, failed }) => `${sent} e-mails sent, ${failed} refused; the passwords were destroyed`,
    },
  ),
  'cli.undelivered': template(
    { pseudonym: 'abc' },
    { es: ({ pseudonym }) => `sin entregar: ${pseudonym} (reponga su credencial)`, en: ({ pseudonym }) => `not delivered: ${pseudonym} (replace its credential)` },
  ),
  'cli.nothingPending': { es: 'no hay contraseñas pendientes de entrega', en: 'no passwords waiting for delivery' },
  'cli.replaced': template(
    { number: 1, out: 'reposicion.json' },
    {
      es: ({ number, out }) => `reposición número ${number} firmada y enviada por correo; archivo para el servicio: ${out}`,
      en: ({ number, out }) => `replacement number ${number} signed and e-mailed; file for the service: ${out}`,
    },
  ),
  'cli.unknownPseudonym': template(
    { pseudonym: 'abc' },
    { es: ({ pseudonym }) => `el seudónimo ${pseudonym} no tiene credencial de esta autoridad`, en: ({ pseudonym }) => `pseudonym ${pseudonym} has no credential of this authority` },
  ),
  'cli.replacementNotDelivered': template(
    { reason: '550' },
    {
      es: ({ reason }) => `el correo de la credencial nueva no se entregó (${reason}); no se escribió la reposición`,
      en: ({ reason }) => `the new credential's e-mail was not delivered (${reason}); no replacement was written`,
    },
  ),
  'cli.requested': template(
    { voters: 100, out: 'solicitud.json' },
    { es: ({ voters, out }) => `solicitud para ${voters} personas: ${out} (confidencial)`, en: ({ voters, out }) => `request for ${voters} voters: ${out} (confidential)` },
  ),
  'cli.enrolled': { es: 'llave de la autoridad de credenciales registrada', en: 'credential authority key enrolled' },
  'cli.imported': template(
    { count: 100, fingerprint: '1a2b-…' },
    { es: ({ count, fingerprint }) => `lista de ${count} credenciales publicada, huella ${fingerprint}`, en: ({ count, fingerprint }) => `list of ${count} credentials published, fingerprint ${fingerprint}` },
  ),
  'cli.replacementImported': template(
    { number: 1 },
    { es: ({ number }) => `reposición número ${number} registrada`, en: ({ number }) => `replacement number ${number} recorded` },
  ),
  'cli.needsDatabase': { es: 'falta DATABASE_URL: los comandos del servicio leen y escriben su libro mayor', en: 'DATABASE_URL is missing: the service\'s commands read and write its ledger' },
  'cli.malformedRequest': template(
    { reason: 'voters must be a non-empty array' },
    { es: ({ reason }) => `la solicitud no es válida: ${reason}`, en: ({ reason }) => `the request is not valid: ${reason}` },
  ),

  // The credential authority as a separate process (src/credentials/run-credential-authority.ts).
  'process.step': { es: 'Autoridad de credenciales (proceso aparte, su propia carpeta)', en: 'Credential authority (separate process, its own folder)' },
  'process.name': { es: 'Autoridad de credenciales del simulacro', en: 'Simulacro credential authority' },
  'process.failed': template(
    { command: 'generate', status: 1, output: 'error: …' },
    {
      es: ({ command, status, output }) => `la autoridad de credenciales falló en «${command}» (salida ${status}): ${output}`,
      en: ({ command, status, output }) => `the credential authority failed at "${command}" (exit ${status}): ${output}`,
    },
  ),
  'process.alreadyPublished': { es: 'la lista de credenciales ya estaba publicada; el paso no se repite', en: 'the credential list was already published; the step is not repeated' },
  'process.noKey': { es: 'la autoridad de credenciales no imprimió su llave pública', en: 'the credential authority printed no public key' },

  // Opening (src/domain/lifecycle).
  'lifecycle.noCredentialList': {
    es: 'no se ha publicado la lista de credenciales públicas firmada por la autoridad de credenciales para esta lista nominal',
    en: 'the credential authority\'s signed list of public credentials for this roll is not published',
  },

  // The voter API (src/voting).
  'api.credential': {
    es: 'credential debe ser su credencial pública: 64 dígitos hexadecimales en minúsculas.',
    en: 'credential must be your public credential: 64 lowercase hexadecimal digits.',
  },
  'api.signature': {
    es: 'Falta la firma de la boleta (signature: 128 dígitos hexadecimales en minúsculas): una boleta sin la firma de su credencial no se recibe.',
    en: 'The ballot\'s signature is missing (signature: 128 lowercase hexadecimal digits): a ballot without its credential\'s signature is not accepted.',
  },
  'doc.cast.credential': {
    es: 'Su credencial pública (64 dígitos hexadecimales), con la que firmó la boleta; se publica con ella',
    en: 'Your public credential (64 hex digits), which signed the ballot; published with it',
  },
  'doc.cast.signature': {
    es: 'La firma de su credencial sobre la boleta (128 dígitos hexadecimales, docs/spec/crypto.md); se publica con ella',
    en: 'Your credential\'s signature over the ballot (128 hex digits, docs/spec/crypto.md); published with it',
  },

  'doc.loginChallenge': {
    es: 'Un reto de ingreso nuevo: el navegador lo firma con la llave de credencial que deriva de la contraseña',
    en: 'A fresh sign-in challenge: the browser signs it with the credential key it derives from the password',
  },
  'doc.login.challenge': {
    es: 'El reto de POST /api/voter/login/challenge (64 dígitos hexadecimales), usable una vez',
    en: 'The challenge from POST /api/voter/login/challenge (64 hex digits), usable once',
  },
  'doc.login.signature': {
    es: 'La firma del reto con su llave de credencial (128 dígitos hexadecimales, docs/spec/credentials.md); la contraseña nunca se envía',
    en: 'The challenge signed with your credential key (128 hex digits, docs/spec/credentials.md); the password is never sent',
  },

  // The voting rules on credentials (src/domain/voting).
  'voting.noCredential': {
    es: 'No tiene una credencial pública asignada; pida una a la autoridad de credenciales.',
    en: 'You have no public credential assigned; ask the credential authority for one.',
  },
  'voting.credentialNotListed': {
    es: 'La boleta está firmada con una credencial que no está en la lista publicada.',
    en: 'The ballot is signed with a credential that is not on the published list.',
  },
  'voting.credentialRevoked': {
    es: 'La boleta está firmada con una credencial revocada; use la credencial nueva que recibió.',
    en: 'The ballot is signed with a revoked credential; use the new credential you received.',
  },
  'voting.credentialNotYours': {
    es: 'La boleta está firmada con una credencial que no es la suya.',
    en: 'The ballot is signed with a credential that is not yours.',
  },
  'voting.credentialAlreadyAssigned': { es: 'Esta persona ya tiene una credencial asignada.', en: 'This voter already has a credential assigned.' },
  'voting.replacedAfterVoting': {
    es: 'La persona ya votó con su credencial: una credencial con voto no se repone.',
    en: 'The voter already voted with this credential: a credential with a ballot is not replaced.',
  },
  'voting.replaceOtherCredential': {
    es: 'La credencial a revocar no es la vigente de esta persona.',
    en: 'The credential to revoke is not this voter\'s current one.',
  },

  // Password re-sends (src/domain/credentials/resend-decider.ts, src/credentials/credential-resender.ts).
  'resend.invalidTime': { es: 'La hora de la solicitud no es válida.', en: 'The request\'s time is not valid.' },
  'resend.invalidPseudonym': { es: 'El seudónimo no es válido.', en: 'The pseudonym is not valid.' },
  'resend.invalidAsker': { es: 'Quien solicita el reenvío no es válido.', en: 'Who asks for the re-send is not valid.' },
  'resend.invalidRequest': { es: 'La solicitud del funcionario no es válida.', en: 'The official\'s request is not valid.' },
  'resend.duplicateRequest': { es: 'Esta solicitud del funcionario ya se atendió.', en: 'This official\'s request was already taken up.' },
  'resend.notOnRoll': { es: 'La persona no está en el padrón de esta elección.', en: 'The person is not on this election\'s roll.' },
  'resend.alreadyVoted': { es: 'La persona ya votó: su contraseña no se reenvía.', en: 'The voter already voted: their password is not sent again.' },
  'resend.votingClosed': { es: 'La votación está cerrada: ya no se reenvían contraseñas.', en: 'Voting is closed: passwords are no longer sent again.' },
  'resend.pending': { es: 'Ya hay un reenvío en curso para esta persona.', en: 'A re-send for this voter is already under way.' },
  'resend.limit': template({ max: 3 }, {
    es: ({ max }) => `Ya se reenvió la contraseña ${max} veces a esta persona; no se reenvía más.`,
    en: ({ max }) => `The password was already sent again ${max} times to this voter; it is not sent again.`,
  }),
  'resend.nonePending': { es: 'No hay un reenvío en curso para esta persona.', en: 'No re-send is under way for this voter.' },
  'resend.invalidReplacement': { es: 'El número de reposición no es válido.', en: 'The replacement number is not valid.' },
  'resend.invalidReason': { es: 'El motivo del fallo no es válido.', en: 'The failure\'s reason is not valid.' },
  'doc.passwordResend': {
    es: 'Pedir que se envíe de nuevo la contraseña (usuario y correo del padrón); la misma respuesta para cualquier nombre',
    en: 'Ask for the password to be sent again (username and the roll\'s e-mail); the same answer for any name',
  },
  'resend.accepted': {
    es: 'Si el usuario y el correo coinciden con el padrón, en unos minutos recibirá un correo con una contraseña nueva; la anterior dejará de funcionar.',
    en: 'If the username and e-mail match the roll, you will receive an e-mail with a new password within a few minutes; the previous one will stop working.',
  },
});
