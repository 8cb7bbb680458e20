/**
 * Catalog of the official documents (src/documents): the printed opening report, acta de
 * cómputo and preservation manifest (titles, legal basis, statements, headings, labels,
 * column headers, page frame, signature roles) and the bilingual refusals their builders
 * throw. The PDFs print Spanish with English beneath; what is printed is hashed and must stay
 * byte for byte, so a change here is a change of the documents (test/documents).
 *
 * The legal citations ("Lineamientos …, numerales …") are printed in Spanish only; their
 * English is here for readers of the catalog.
 */
import { defineCatalog, template, type Bilingual } from './catalog';

export const documentMessages = defineCatalog({
  // Page frame and signature block, on every document.
  'frame.hashLegend': { es: 'SHA-256 del JSON canónico que este documento representa', en: 'SHA-256 of the canonical JSON this document renders' },
  'frame.page': template({ page: 1, pages: 3 }, { es: ({ page, pages }) => `Página ${page} de ${pages}`, en: ({ page, pages }) => `Page ${page} of ${pages}` }),
  'signatures.heading': { es: 'Firmas', en: 'Signatures' },
  'signatures.blankRole': { es: 'Nombre y cargo', en: 'Name and role' },

  // Shared wording.
  'heading.general': { es: 'Datos generales', en: 'General information' },
  'label.process': { es: 'Proceso', en: 'Process' },
  'label.election': { es: 'Elección', en: 'Election' },
  'label.treeSize': { es: 'Tamaño del árbol', en: 'Tree size' },
  'label.root': { es: 'Raíz', en: 'Root hash' },
  'label.logOrigin': { es: 'Origen de la bitácora', en: 'Log origin' },
  'label.logKey': { es: 'Llave verificadora de la bitácora (urna verify --vkey)', en: 'Log verifier key (urna verify --vkey)' },
  'label.logFingerprint': { es: 'Huella de la llave de la bitácora (compárela a simple vista)', en: 'Log key fingerprint (compare it by eye)' },
  'label.witnessQuorum': { es: 'Testigos de la bitácora (quórum)', en: 'Log witnesses (quorum)' },
  'value.witnessQuorum': template({ quorum: 2, total: 3 }, {
    es: ({ quorum, total }) => `${quorum} de ${total} deben cofirmar cada punto de control`,
    en: ({ quorum, total }) => `${quorum} of ${total} must cosign each checkpoint`,
  }),
  'label.witnessKey': { es: 'Llave de testigo y su huella', en: 'Witness key and its fingerprint' },
  'scope.federal': { es: 'Federal', en: 'Federal' },
  'scope.local': { es: 'Local', en: 'Local' },
  'entity.national': { es: 'Nacional', en: 'Nationwide' },
  'column.scope': { es: 'Ámbito', en: 'Scope' },
  'column.contest': { es: 'Elección', en: 'Contest' },
  'column.entity': { es: 'Entidad', en: 'Entity' },
  'column.votes': { es: 'Votos', en: 'Votes' },
  'column.inWords': { es: 'Con letra', en: 'In words' },
  'column.name': { es: 'Nombre', en: 'Name' },

  // Opening report (numerals 21–22).
  'opening.title': { es: 'Reporte inicial de apertura del Sistema', en: 'System opening report' },
  'opening.basis': { es: 'Lineamientos del Voto Electrónico por Internet, numerales 21 y 22', en: 'Guidelines for the internet electronic vote, numerals 21 and 22' },
  'opening.statement': {
    es: 'El Sistema hace constar que, al momento de emitir este reporte, la urna electrónica no contiene votos y que todos los contadores están inicializados en cero; asimismo, identifica la versión exacta del software y de la configuración en operación.',
    en: 'The System attests that, when this report was issued, the electronic ballot box held no votes and every counter was set to zero; it also identifies the exact software and configuration running.',
  },
  'opening.label.issued': { es: 'Emitido', en: 'Issued' },
  'opening.label.opens': { es: 'Inicio de la votación', en: 'Voting opens' },
  'opening.label.closes': { es: 'Cierre de la votación', en: 'Voting closes' },
  'opening.heading.version': { es: 'Versión del Sistema y configuración', en: 'System version and configuration' },
  'opening.label.softwareVersion': { es: 'Versión del software', en: 'Software version' },
  'opening.label.codeHash': { es: 'SHA-256 del código', en: 'SHA-256 of the code' },
  'opening.label.configurationHash': { es: 'SHA-256 de la configuración (manifiesto)', en: 'SHA-256 of the configuration (manifest)' },
  'opening.label.publicKey': { es: 'Llave pública de la elección', en: 'Election public key' },
  'opening.label.ceremonyHash': { es: 'SHA-256 de la transcripción de la ceremonia de llaves', en: 'SHA-256 of the key ceremony transcript' },
  'opening.heading.ballotBox': { es: 'Urna y contadores', en: 'Ballot box and counters' },
  'opening.label.ballotBox': { es: 'Boletas en la urna electrónica', en: 'Ballots in the electronic ballot box' },
  'opening.label.ballotsCast': { es: 'Boletas emitidas', en: 'Ballots cast' },
  'opening.label.votersWhoVoted': { es: 'Personas votantes que ya votaron', en: 'Voters who have voted' },
  'opening.heading.counters': { es: 'Contadores por elección', en: 'Counters per contest' },
  'opening.column.options': { es: 'Opciones', en: 'Options' },
  'opening.heading.checkpoint': { es: 'Punto de control de la bitácora al abrir', en: 'Log checkpoint at opening' },
  'opening.heading.trustees': { es: 'Fideicomisarios y sus llaves de firma', en: 'Trustees and their signing keys' },
  'opening.trusteesStatement': {
    es: 'Huella (SHA-256) de la llave de firma generada dentro del token de cada fideicomisario. Cada fideicomisario la compara con la que imprimió su propia estación.',
    en: "Fingerprint (SHA-256) of the signing key generated inside each trustee's token. Each trustee compares it with the one their own station printed.",
  },
  'opening.column.trustee': { es: 'Núm.', en: 'No.' },
  'opening.column.fingerprint': { es: 'Huella de la llave de firma', en: 'Signing key fingerprint' },
  'opening.heading.present': { es: 'Personas presentes', en: 'People present' },
  'opening.column.role': { es: 'Cargo', en: 'Role' },
  'opening.countersNotZero': { es: 'La urna no está vacía o hay contadores distintos de cero', en: 'the ballot box is not empty or counters are not zero' },

  // Acta de cómputo (numerals 32–38).
  'acta.title': { es: 'Acta de cómputo de la votación electrónica por Internet desde el extranjero', en: 'Tally record of the internet vote from abroad' },
  'acta.basis': { es: 'Lineamientos del Voto Electrónico por Internet, numerales 32 a 38', en: 'Guidelines for the internet electronic vote, numerals 32 to 38' },
  'acta.statement': {
    es: 'Concluido el cómputo, el Sistema emite la presente acta con los resultados de cada elección, ordenados por ámbito, tipo de elección y entidad federativa. Antes del descifrado se calculó y comparó el hash de la base de datos con los votos cifrados; cada descifrado parcial consta en la bitácora con su prueba.',
    en: 'Once the count ended, the System issued this record with the result of each contest, ordered by scope, type of election and federal entity. Before decryption the hash of the encrypted ballot database was computed and compared; each partial decryption is in the log with its proof.',
  },
  'acta.label.copy': { es: 'Ejemplar', en: 'Copy' },
  'acta.copy.original': { es: 'Original', en: 'Original' },
  'acta.copy.opl': template(
    { entityName: 'Ciudad de México' },
    {
      es: ({ entityName }) => `Copia para el Organismo Público Local de ${entityName} (elecciones locales, numeral 38-II)`,
      en: ({ entityName }) => `Copy for the local electoral body (OPL) of ${entityName} (local contests, numeral 38-II)`,
    },
  ),
  'acta.copy.authority': { es: 'Copia para el personal designado del Instituto (numeral 38-I)', en: "Copy for the Institute's designated staff (numeral 38-I)" },
  'acta.copy.representatives': {
    es: 'Copia para las representaciones de partidos políticos y candidaturas independientes (numeral 38-III)',
    en: 'Copy for party and independent candidacy representatives (numeral 38-III)',
  },
  'acta.label.issued': { es: 'Emitida', en: 'Issued' },
  'acta.label.ballotBoxHash': { es: 'SHA-256 de la urna cifrada (comparado antes del descifrado)', en: 'SHA-256 of the encrypted ballot box (compared before decryption)' },
  'acta.label.closingSize': { es: 'Punto de control de cierre: tamaño', en: 'Closing checkpoint: tree size' },
  'acta.label.closingRoot': { es: 'Punto de control de cierre: raíz', en: 'Closing checkpoint: root hash' },
  'acta.label.contests': { es: 'Elecciones en esta acta', en: 'Contests in this record' },
  'acta.contestCount': template(
    { count: 2 },
    {
      es: ({ count }) => `${count} ${count === 1 ? 'elección' : 'elecciones'}`,
      en: ({ count }) => `${count} ${count === 1 ? 'contest' : 'contests'}`,
    },
  ),
  'acta.label.fullRecordHash': { es: 'SHA-256 del acta completa de la que se extrae', en: 'SHA-256 of the full record this copy comes from' },
  'acta.heading.trustees': { es: 'Personas custodias de la Llave de apertura que participaron', en: 'Opening-key trustees who took part' },
  'acta.column.trusteeId': { es: 'Identificador', en: 'Id' },
  'acta.column.decryptionPositions': { es: 'Posiciones de los eventos de descifrado parcial', en: 'Ledger positions of partial decryption events' },
  'acta.heading.index': { es: 'Índice de elecciones', en: 'Contest index' },
  'acta.column.number': { es: 'Núm.', en: 'No.' },
  'acta.column.totalVotes': { es: 'Votación total', en: 'Total votes' },
  'acta.heading.results': { es: 'Resultados por elección', en: 'Results per contest' },
  'acta.contestHeading': template<{ index: number; scope: Bilingual; office: string; entity: Bilingual; contestId: string }>(
    { index: 1, scope: { es: 'Federal', en: 'Federal' }, office: 'Senaduría', entity: { es: '14 Jalisco', en: '14 Jalisco' }, contestId: 'SEN-14' },
    {
      es: ({ index, scope, office, entity }) => `${index}. ${scope.es} · ${office} · ${entity.es}`,
      en: ({ scope, office, entity, contestId }) => `${scope.en} · ${office} · ${entity.en} — contest ${contestId}`,
    },
  ),
  'acta.column.option': { es: 'Opción', en: 'Option' },
  'acta.column.emblems': { es: 'Emblemas', en: 'Emblems' },
  'acta.column.candidate': { es: 'Candidatura', en: 'Candidate' },
  'acta.column.votesInWords': { es: 'Votos con letra', en: 'Votes in words' },
  'acta.column.total': { es: 'Total', en: 'Total' },
  'acta.votes.valid': { es: 'Votos válidos', en: 'Valid votes' },
  'acta.votes.nonRegistered': { es: 'Candidaturas no registradas', en: 'Non-registered candidates' },
  'acta.votes.null': { es: 'Votos nulos', en: 'Null votes' },
  'acta.votes.total': { es: 'Votación total', en: 'Total votes cast' },
  'acta.heading.closingCheckpoint': { es: 'Punto de control de la bitácora al cierre', en: 'Log checkpoint at closing' },
  'acta.role.trustee': { es: 'Persona custodia de la Llave de apertura', en: 'Opening-key trustee' },
  'acta.role.representative': { es: 'Representación de partido político o candidatura independiente', en: 'Party or independent candidacy representative' },
  'acta.linesMismatch': template(
    { total: 12, counted: 13 },
    {
      es: ({ total, counted }) => `las líneas suman ${total} votos pero se contaron ${counted} boletas`,
      en: ({ total, counted }) => `option lines add up to ${total} but ${counted} ballots were counted`,
    },
  ),

  // Preservation manifest (numerals 39–41).
  'manifest.title': { es: 'Constancia de hashes para el resguardo y preservación de la información', en: 'Preservation manifest: hashes of the artefacts' },
  'manifest.basis': { es: 'Lineamientos del Voto Electrónico por Internet, numerales 39 a 41', en: 'Guidelines for the internet electronic vote, numerals 39 to 41' },
  'manifest.statement': {
    es: 'Se entrega al tercero con fe pública el hash SHA-256 de cada archivo digital generado por el Sistema, incluidos la base de datos con los votos cifrados, la base de datos con los votos descifrados y las bitácoras. Cualquier persona puede recalcular el hash de cada archivo y compararlo con esta constancia; la firma Ed25519 cubre el JSON canónico (RFC 8785) del manifiesto.',
    en: 'The SHA-256 of every digital file the System produced, including the encrypted ballot box, the decrypted results and the logs, is handed to the notary. Anyone can recompute each file’s hash and compare it with this record; the Ed25519 signature covers the manifest’s canonical JSON (RFC 8785).',
  },
  'manifest.label.signed': { es: 'Firmado', en: 'Signed' },
  'manifest.label.files': { es: 'Archivos', en: 'Files' },
  'manifest.label.hash': { es: 'SHA-256 del manifiesto (bytes firmados)', en: 'SHA-256 of the manifest (signed bytes)' },
  'manifest.label.publicKey': { es: 'Llave pública de firma (Ed25519)', en: 'Signing public key (Ed25519)' },
  'manifest.label.signature': { es: 'Firma', en: 'Signature' },
  'manifest.heading.files': { es: 'Archivos y sus hash', en: 'Files and their hashes' },
  'manifest.column.file': { es: 'Archivo', en: 'File' },
  'manifest.column.bytes': { es: 'Bytes', en: 'Bytes' },
  'manifest.column.sha256': { es: 'SHA-256', en: 'SHA-256' },
  'manifest.access.public': { es: 'público', en: 'public' },
  'manifest.access.confidential': { es: 'confidencial, cifrado', en: 'confidential, encrypted' },
  'manifest.heading.confidential': { es: 'Parte confidencial (cifrada)', en: 'Confidential part (encrypted)' },
  'manifest.confidentialStatement': {
    es: 'Los archivos marcados como confidenciales contienen datos personales (la exportación completa del registro de eventos, con las sales que abren los compromisos sellados). Se guardan cifrados (formato urna.sealed/1: X25519, HKDF-SHA256, AES-256-GCM) a la llave pública del destinatario que se indica; sólo quien tiene la llave privada puede abrirlos. Su SHA-256 y tamaño son los del archivo cifrado.',
    en: 'Files marked confidential hold personal data (the full ledger export, with the salts that open the sealed commitments). They are stored encrypted (format urna.sealed/1: X25519, HKDF-SHA256, AES-256-GCM) to the recipient public key named here; only the holder of the private key can open them. Their SHA-256 and size are those of the encrypted file.',
  },
  'manifest.label.encryption': { es: 'Cifrado', en: 'Encryption' },
  'manifest.label.recipientKey': { es: 'Llave pública del destinatario (X25519)', en: 'Recipient public key (X25519)' },
  'manifest.label.fingerprint': { es: 'Huella de la llave (SHA-256)', en: 'Key fingerprint (SHA-256)' },
  'manifest.label.hashOf': { es: 'El hash cubre', en: 'The hash covers' },
  'manifest.hashOf.ciphertext': { es: 'el archivo cifrado', en: 'the encrypted file' },
  'manifest.heading.finalCheckpoint': { es: 'Punto de control final de la bitácora', en: 'Final log checkpoint' },
  'artefact.encrypted-ballot-box': { es: 'Base de datos con los votos cifrados', en: 'Encrypted ballot box' },
  'artefact.decrypted-results': { es: 'Base de datos con los votos descifrados', en: 'Decrypted results' },
  'artefact.log': { es: 'Bitácora del Sistema', en: 'System log' },
  'artefact.ledger-export': { es: 'Exportación del registro de eventos', en: 'Ledger export' },
  'artefact.opening-report': { es: 'Reporte inicial', en: 'Opening report' },
  'artefact.tally-record': { es: 'Acta de cómputo', en: 'Tally record' },
  'artefact.record-export': { es: 'Registro de la elección para verificación', en: 'Election record for verifiers' },
  'artefact.configuration': { es: 'Configuración', en: 'Configuration' },
  'artefact.operation-report': { es: 'Informe de operación (numeral 28)', en: 'Operation report (numeral 28)' },
  'artefact.other': { es: 'Otro documento generado por el Sistema', en: 'Other document produced by the System' },
  'manifest.missingArtefacts': { es: 'faltan artefactos obligatorios', en: 'required artefacts missing' },
  'manifest.requiredBasis': { es: 'numerales 40–41', en: 'numerals 40–41' },
  'manifest.badSignature': { es: 'la firma no corresponde al contenido', en: 'the signature does not match the content' },
});
