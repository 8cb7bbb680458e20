/**
 * Catalog of the voter's booth (bulletin-board-web/public/booth.html and
 * bulletin-board-web/src/booth.ts): sign-in, the ballot, encryption, the Benaloh audit,
 * casting and the receipt, and the audited-ballot page (verificar.html). Keys are stable: the page's data-i18n attributes name them.
 * It includes the board's catalog whole: the booth shows the board's frame (banner, footer,
 * skip link), and one translator must know every key the page carries.
 */
import { boardMessages } from './board.messages';
import { defineCatalog, template } from './catalog';

export const boothMessages = defineCatalog({
  ...boardMessages,
  'booth.title': { es: 'Urna — Casilla electrónica', en: 'Urna — Voting booth' },
  'booth.steps.label': { es: 'Pasos para votar', en: 'Steps to vote' },
  'booth.steps.signin': { es: 'Identificarse', en: 'Sign in' },
  'booth.steps.ballot': { es: 'Marcar la boleta', en: 'Mark the ballot' },
  'booth.steps.review': { es: 'Revisar y emitir', en: 'Review and cast' },
  'booth.steps.receipt': { es: 'Comprobante', en: 'Receipt' },
  'booth.steps.now': template({ n: 2, of: 4, title: 'Su boleta' }, {
    es: ({ n, of, title }) => `Paso ${n} de ${of}: ${title}`,
    en: ({ n, of, title }) => `Step ${n} of ${of}: ${title}`,
  }),
  'booth.login.title': { es: 'Iniciar sesión', en: 'Sign in' },
  'booth.login.intro': {
    es: 'Use el usuario y la contraseña que recibió por correo electrónico. Después le enviaremos un código a su teléfono celular.',
    en: 'Use the username and password you received by e-mail. We will then send a code to your mobile phone.',
  },
  'booth.login.missing': { es: 'Escriba su usuario y su contraseña.', en: 'Enter your username and your password.' },
  'booth.again.wrong': {
    es: 'La contraseña no es correcta. Escríbala de nuevo tal como aparece en su correo; si la perdió, use "No recibí mi contraseña" al iniciar sesión.',
    en: 'The password is not correct. Type it again exactly as it appears in your e-mail; if you lost it, use "I did not get my password" when signing in.',
  },
  'booth.resend.open': { es: 'No recibí mi contraseña', en: 'I did not get my password' },
  'booth.resend.intro': {
    es: 'Escriba su usuario y el correo electrónico con el que se registró. Si coinciden con el padrón, le enviaremos una contraseña nueva y la anterior dejará de funcionar.',
    en: 'Enter your username and the e-mail address you registered with. If they match the roll, we will send you a new password and the previous one will stop working.',
  },
  'booth.resend.email': { es: 'Correo electrónico', en: 'E-mail address' },
  'booth.resend.send': { es: 'Enviarme una contraseña nueva', en: 'Send me a new password' },
  'booth.resend.missing': { es: 'Escriba su usuario y su correo electrónico.', en: 'Enter your username and your e-mail address.' },
  'booth.resend.sent': {
    es: 'Solicitud recibida. Si los datos coinciden con el padrón, en unos minutos recibirá un correo con su contraseña nueva. Revise también la carpeta de correo no deseado.',
    en: 'Request received. If the details match the roll, you will get an e-mail with your new password within a few minutes. Check your spam folder too.',
  },
  'booth.login.checking': { es: 'Comprobando sus datos en este navegador…', en: 'Checking your details in this browser…' },
  'booth.username': { es: 'Usuario', en: 'Username' },
  'booth.password': { es: 'Contraseña (la recibió por correo electrónico)', en: 'Password (sent to you by e-mail)' },
  'booth.signin': { es: 'Entrar', en: 'Sign in' },
  'booth.code.title': { es: 'Código de verificación', en: 'Verification code' },
  'booth.code.sentTo': template({ phone: '•••• 34' }, {
    es: ({ phone }) => `Enviamos un código de 6 dígitos por SMS al celular terminado en ${phone}.`,
    en: ({ phone }) => `We sent a 6-digit code by text message to the mobile phone ending in ${phone}.`,
  }),
  'booth.code.expiresIn': template({ time: '4:59' }, {
    es: ({ time }) => `El código vence en ${time} minutos.`,
    en: ({ time }) => `The code expires in ${time} minutes.`,
  }),
  'booth.code.expiredNow': { es: 'El código ya venció: pida uno nuevo.', en: 'The code has expired: ask for a new one.' },
  'booth.code.shape': { es: 'El código tiene 6 dígitos, sin letras. Revise el SMS y escríbalo de nuevo; este intento no cuenta.', en: 'The code has 6 digits and no letters. Check the text message and type it again; this try does not count.' },
  'booth.code.resend': { es: 'Enviarme un código nuevo', en: 'Send me a new code' },
  'booth.code.resent': { es: 'Le enviamos un código nuevo.', en: 'We sent you a new code.' },
  'booth.code.back': { es: 'Volver a iniciar sesión', en: 'Back to sign in' },
  'booth.code.confirm': { es: 'Confirmar', en: 'Confirm' },
  'booth.code.label': { es: 'Código', en: 'Code' },
  'booth.again.title': { es: 'Escriba de nuevo su contraseña', en: 'Enter your password again' },
  'booth.again.help': {
    es: 'Su sesión sigue abierta. Por seguridad, la llave que firma su boleta no se guarda: escriba su contraseña para continuar (no le enviaremos otro SMS).',
    en: 'Your session is still open. For safety the key that signs your ballot is never stored: enter your password to continue (no new text message is sent).',
  },
  'booth.again.continue': { es: 'Continuar', en: 'Continue' },
  'booth.voted.title': { es: 'Usted ya votó', en: 'You have already voted' },
  'booth.voted.text': {
    es: 'Su voto ya está registrado y no se puede votar dos veces. Puede comprobar en el tablero público que su voto está incluido.',
    en: 'Your vote is already recorded; nobody can vote twice. You can check on the public board that your vote is included.',
  },
  'booth.voted.checkKept': { es: 'Verificar el comprobante guardado en este navegador', en: 'Check the receipt kept in this browser' },
  'booth.voted.lookup': { es: 'Buscar mi comprobante en el tablero', en: 'Look up my receipt on the board' },
  'booth.closed.title': { es: 'La votación está cerrada', en: 'Voting is closed' },
  'booth.closed.text': {
    es: 'En este momento no se reciben votos. El periodo de votación se muestra arriba, en hora de la Ciudad de México.',
    en: 'Ballots are not being accepted now. The voting period is shown above, in Mexico City time.',
  },
  'booth.closed.board': { es: 'Ir al tablero público', en: 'Go to the public board' },
  'booth.locked': template({ until: '2 jun 2024, 18:15 (hora de la Ciudad de México, UTC−06:00)' }, {
    es: ({ until }) => `Por seguridad, su acceso está bloqueado tras varios intentos fallidos. Podrá intentarlo de nuevo a partir de: ${until}.`,
    en: ({ until }) => `For your safety, access is locked after several failed attempts. You can try again from: ${until}.`,
  }),
  'booth.sessionEnded': { es: 'Su sesión terminó. Ingrese de nuevo con su usuario y contraseña.', en: 'Your session has ended. Sign in again with your username and password.' },
  'booth.unexpected': {
    es: 'Algo falló en esta página. Su voto no se emitió. Recargue la página e intente de nuevo; si se repite, use otro navegador o llame a la línea de ayuda.',
    en: 'Something went wrong on this page. Your ballot was not cast. Reload the page and try again; if it happens again, use another browser or call the help line.',
  },
  'booth.ballot.title': { es: 'Su boleta', en: 'Your ballot' },
  'booth.ballot.help': {
    es: 'Marque como en la boleta de papel: un emblema o recuadro en cada elección. Si un partido va en coalición, puede marcar uno o varios emblemas de esa coalición: el voto cuenta para su candidatura.',
    en: 'Mark as on the paper ballot: one emblem or box in each contest. If a party runs in a coalition, you may mark one or more emblems of that coalition: the vote counts for its candidate.',
  },
  'booth.contestProgress': template({ n: 2, of: 4 }, { es: ({ n, of }) => `${n} de ${of}`, en: ({ n, of }) => `${n} of ${of}` }),
  'booth.option.null': { es: 'Voto nulo', en: 'Null vote' },
  'booth.option.nonRegistered': { es: 'Candidatura no registrada', en: 'Candidate not registered' },
  'booth.mark.none': { es: 'Aún no marca nada en esta elección.', en: 'Nothing marked in this contest yet.' },
  'booth.mark.party': template({ who: 'Candidata A', party: 'Partido Acción Nacional' }, {
    es: ({ who, party }) => `Su voto cuenta para ${who} (${party}).`,
    en: ({ who, party }) => `Your vote counts for ${who} (${party}).`,
  }),
  'booth.mark.single': template({ who: 'Candidata A' }, { es: ({ who }) => `Su voto cuenta para: ${who}.`, en: ({ who }) => `Your vote counts for: ${who}.` }),
  'booth.mark.combination': template({ who: 'Candidata A', parties: 'PAN, PRI' }, {
    es: ({ who, parties }) => `Su voto cuenta para ${who}, repartido entre ${parties} como en la boleta de papel.`,
    en: ({ who, parties }) => `Your vote counts for ${who}, shared among ${parties} as on the paper ballot.`,
  }),
  'booth.mark.nullMixed': {
    es: 'Con estas marcas su voto será NULO: marcó opciones que no van juntas (partidos de distintas coaliciones o candidaturas distintas). Puede cambiar sus marcas, o dejarlas así si desea anular su voto.',
    en: 'With these marks your vote will be NULL: you marked options that do not go together (parties of different coalitions, or different candidacies). You may change your marks, or keep them if you wish to cast a null vote.',
  },
  'booth.mark.nullMarked': { es: 'Su voto en esta elección será nulo, como lo marcó.', en: 'Your vote in this contest will be null, as you marked it.' },
  'booth.missingHere': template({ contest: 'Presidencia' }, {
    es: ({ contest }) => `Falta marcar una opción en ${contest}. Si no desea elegir a nadie, marque «Voto nulo».`,
    en: ({ contest }) => `Mark an option in ${contest}. If you wish to choose nobody, mark «Null vote».`,
  }),
  'booth.missingCount': template({ n: 1 }, {
    es: ({ n }) => (n === 1 ? 'Falta marcar 1 elección.' : `Faltan por marcar ${n} elecciones.`),
    en: ({ n }) => (n === 1 ? '1 contest is not marked yet.' : `${n} contests are not marked yet.`),
  }),
  'booth.toReview': { es: 'Revisar mis elecciones', en: 'Review my choices' },
  'booth.encrypting': { es: 'Cifrando su boleta en este navegador…', en: 'Encrypting your ballot in this browser…' },
  'booth.review.title': { es: 'Revise antes de emitir', en: 'Review before casting' },
  'booth.review.help': {
    es: 'Esto es lo que marcó. Nada se ha emitido todavía: puede cambiar cualquier elección.',
    en: 'This is what you marked. Nothing has been cast yet: you can change any contest.',
  },
  'booth.review.change': { es: 'Cambiar', en: 'Change' },
  'booth.review.changeIn': template({ contest: 'Presidencia' }, { es: ({ contest }) => `Cambiar mi marca en ${contest}`, en: ({ contest }) => `Change my mark in ${contest}` }),
  'booth.review.code': { es: 'Código de seguimiento de esta boleta cifrada', en: 'Tracking code of this encrypted ballot' },
  'booth.cast': { es: 'Emitir mi voto', en: 'Cast my ballot' },
  'booth.challenge': { es: 'Auditar esta boleta (no se emite)', en: 'Audit this ballot (it is not cast)' },
  'booth.audit.what': { es: '¿Qué es auditar una boleta?', en: 'What is auditing a ballot?' },
  'booth.audit.explain': {
    es: 'Auditar abre la boleta cifrada para comprobar que contiene lo que usted marcó. Una boleta auditada se publica sin su nombre y nunca se cuenta; después se cifra de nuevo para que pueda emitirla. Puede comprobarla también desde otro dispositivo con su código de auditoría.',
    en: 'Auditing opens the encrypted ballot to check that it holds what you marked. An audited ballot is published without your name and is never counted; it is then encrypted afresh so you can cast it. You can also check it from another device with its audit code.',
  },
  'booth.challenge.ok': { es: 'La boleta auditada contenía exactamente sus elecciones. Se cifrará de nuevo antes de emitir.', en: 'The audited ballot held exactly your choices. It will be encrypted afresh before casting.' },
  'booth.challenge.bad': { es: 'La boleta auditada NO corresponde a sus elecciones. No emita; avise a la autoridad.', en: 'The audited ballot does NOT match your choices. Do not cast; alert the authority.' },
  'booth.audit.failedChecks': template({ n: 1 }, {
    es: ({ n }) => `${n} comprobaciones de la boleta auditada fallaron.`,
    en: ({ n }) => `${n} checks of the audited ballot failed.`,
  }),
  'booth.audit.code': { es: 'Código de auditoría:', en: 'Audit code:' },
  'booth.audit.checkElsewhere': { es: 'Verificar esta boleta auditada en el tablero (también desde otro dispositivo)', en: 'Check this audited ballot on the board (from another device too)' },
  'booth.cast.code': template({ phone: '•••• 34' }, {
    es: ({ phone }) => `Para emitir, escriba el código nuevo que enviamos al celular terminado en ${phone}.`,
    en: ({ phone }) => `To cast, enter the new code we sent to the mobile phone ending in ${phone}.`,
  }),
  'booth.receipt.title': { es: 'Voto recibido', en: 'Ballot received' },
  'booth.receipt.help': {
    es: 'Su voto cifrado está en el registro público. Guarde este código: con él puede comprobar en el tablero que su voto está incluido.',
    en: 'Your encrypted ballot is in the public log. Keep this code: with it you can check on the board that your ballot is included.',
  },
  'booth.receipt.checking': {
    es: 'Verificando en este navegador que su boleta está en el registro público…',
    en: 'Checking in this browser that your ballot is in the public log…',
  },
  'booth.receipt.checked': template({ size: 1 }, {
    es: ({ size }) => `✔ Verificado en este navegador: su boleta está en el registro público firmado (tamaño ${size}).`,
    en: ({ size }) => `✔ Checked in this browser: your ballot is in the signed public log (size ${size}).`,
  }),
  'booth.receipt.checkedWitnessed': template({ size: 1, count: 2, total: 3, names: 'testigo-a' }, {
    es: ({ size, count, total, names }) => `✔ Verificado en este navegador: su boleta está en el registro público firmado (tamaño ${size}), cofirmado por ${count} de ${total} testigos: ${names}.`,
    en: ({ size, count, total, names }) => `✔ Checked in this browser: your ballot is in the signed public log (size ${size}), cosigned by ${count} of ${total} witnesses: ${names}.`,
  }),
  'booth.receipt.checkFailed': {
    es: '✘ No pudimos comprobar su boleta en el registro público. Guarde este comprobante, vuelva a revisarlo en el tablero desde otro dispositivo y, si el error sigue, repórtelo al contacto de la elección.',
    en: '✘ We could not check your ballot in the public log. Keep this receipt, check it again on the board from another device and, if the error remains, report it to the election contact.',
  },
  'booth.receipt.checkFailedDetails': { es: 'Detalle técnico', en: 'Technical detail' },
  'booth.receipt.saved': {
    es: 'Guardamos este comprobante en este navegador: cuando vuelva al tablero, se verificará solo.',
    en: 'This receipt is kept in this browser: when you come back to the board, it is checked automatically.',
  },
  'booth.receipt.notSaved': {
    es: 'Este navegador no permite guardar el comprobante: descárguelo o imprímalo.',
    en: 'This browser does not allow keeping the receipt: download or print it.',
  },
  'booth.receipt.qr': template({ url: 'https://voto.example/#code=…' }, {
    es: ({ url }) => `Código QR del enlace para verificar: ${url}`,
    en: ({ url }) => `QR code of the link to check: ${url}`,
  }),
  'booth.receipt.qrCaption': { es: 'Escanee para verificar desde otro dispositivo.', en: 'Scan to check from another device.' },
  'booth.receipt.print': { es: 'Comprobante para imprimir', en: 'Printable receipt' },
  'booth.receipt.download': { es: 'Descargar comprobante', en: 'Download receipt' },
  'booth.receipt.details': { es: 'Detalles técnicos', en: 'Technical details' },
  'booth.receipt.fullCode': { es: 'Código completo', en: 'Full code' },
  'booth.logout': { es: 'Salir', en: 'Sign out' },
  'booth.loadingBallot': { es: 'Preparando su boleta…', en: 'Preparing your ballot…' },
  'booth.preparingKeys': { es: 'Preparando el cifrado en este navegador…', en: 'Preparing encryption in this browser…' },
  'booth.encrypted': { es: 'Boleta cifrada. Revise y emita.', en: 'Ballot encrypted. Review and cast.' },
  'booth.auditing': { es: 'Publicando la boleta auditada y verificando su contenido…', en: 'Publishing the audited ballot and checking its contents…' },
  'booth.audit.result': { es: 'Contenido revelado de la boleta auditada (publicada sin nada que la vincule con usted; hasta 5 auditorías por persona)', en: 'Revealed contents of the audited ballot (published with nothing that links it to you; up to 5 audits per voter)' },
  'booth.reencrypt': { es: 'Cifrar de nuevo y continuar', en: 'Encrypt again and continue' },
  'booth.cast.confirm': { es: 'Emitir definitivamente', en: 'Cast for good' },
  'booth.casting': { es: 'Emitiendo su voto…', en: 'Casting your ballot…' },
  'booth.receipt.index': { es: 'Posición en el registro público', en: 'Position in the public log' },
  'booth.receipt.checkpoint': { es: 'Punto de control firmado', en: 'Signed checkpoint' },
  'booth.receipt.verify': { es: 'Verificar en el tablero público', en: 'Check on the public board' },
  'booth.back': { es: 'Modificar mis elecciones', en: 'Change my choices' },
  'booth.noBallot': { es: 'No hay una boleta cifrada lista para emitir: revise sus elecciones de nuevo.', en: 'There is no encrypted ballot ready to cast: review your choices again.' },
  'booth.baseHashMismatch': {
    es: 'La llave de la elección que envió el servidor no coincide con la publicada. No vote en esta página; avise a la autoridad electoral.',
    en: 'The election key the server sent does not match the published one. Do not vote on this page; alert the electoral authority.',
  },
  // The audited-ballot page (verificar.html, audited-ballot-page.ts).
  'audited.title': { es: 'Verificar una boleta auditada', en: 'Check an audited ballot' },
  'audited.intro': {
    es: 'Si auditó una boleta en la casilla, escriba aquí el código de auditoría que le mostró. Esta página, de preferencia en otro dispositivo, vuelve a cifrar la boleta publicada con los datos revelados y le muestra lo que contenía. Una boleta auditada nunca se cuenta.',
    en: 'If you audited a ballot in the booth, type the audit code it showed you. This page, preferably on another device, re-encrypts the published ballot from its disclosure and shows you what it held. An audited ballot is never counted.',
  },
  'audited.code': { es: 'Código de auditoría', en: 'Audit code' },
  'audited.check': { es: 'Verificar', en: 'Check' },
  'audited.checking': { es: 'Volviendo a cifrar la boleta en este navegador…', en: 'Re-encrypting the ballot in this browser…' },
  'audited.notFound': {
    es: 'No encontramos una boleta auditada con ese código. Revise el código; si acaba de auditarla, espere unos segundos e intente de nuevo.',
    en: 'No audited ballot has that code. Check the code; if you just audited it, wait a few seconds and try again.',
  },
  'audited.ok': {
    es: 'La boleta publicada se vuelve a cifrar exactamente con los datos revelados. Contenía estas elecciones; compárelas con lo que marcó:',
    en: 'The published ballot re-encrypts exactly from its disclosure. It held these choices; compare them with what you marked:',
  },
  'audited.bad': {
    es: 'La boleta publicada NO corresponde a sus datos revelados. No vote con ese dispositivo y avise a la autoridad electoral.',
    en: 'The published ballot does NOT match its disclosure. Do not vote with that device, and alert the electoral authority.',
  },
  'audited.where': template({ position: '12', at: '2 jun 2024, 10:15' }, {
    es: ({ position, at }) => `Publicada en la posición ${position} del registro público, ${at}.`,
    en: ({ position, at }) => `Published at position ${position} of the public log, ${at}.`,
  }),
  'audited.notCounted': { es: 'Esta boleta no se cuenta: sirve sólo para comprobar la casilla.', en: 'This ballot is not counted: it only serves to check the booth.' },
  'booth.noCredential': {
    es: 'Falta la llave para firmar su boleta: salga e ingrese de nuevo con su usuario y contraseña.',
    en: 'The key to sign your ballot is missing: sign out and sign in again with your username and password.',
  },
});
