/**
 * Catalog of the simulacro's own console lines added with issue 17 (phase times) and issue 15
 * (--keep-open: voting by hand in the running simulacro). The simulacro's older lines are in
 * cli.messages.ts (simulacro.*), shared with `urna setup`.
 */
import { defineCatalog, template } from './catalog';

export const simulacroMessages = defineCatalog({
  'phases.title': { es: 'Tiempo por fase', en: 'Time per phase' },
  'phase.database': { es: 'base de datos', en: 'database' },
  'phase.configuration': { es: 'configuración y ratificaciones', en: 'configuration and ratifications' },
  'phase.roll': { es: 'lista nominal', en: 'roll' },
  'phase.credentials': { es: 'credenciales', en: 'credentials' },
  'phase.ceremony': { es: 'ceremonia de llaves (SoftHSM)', en: 'key ceremony (SoftHSM)' },
  'phase.opening': { es: 'apertura', en: 'opening' },
  'phase.service': { es: 'servicio en línea', en: 'service online' },
  'phase.casting': { es: 'votación', en: 'casting' },
  'phase.keepOpen': { es: 'abierto para votar a mano', en: 'open for voting by hand' },
  'phase.closing': { es: 'cierre', en: 'closing' },
  'phase.tally': { es: 'cómputo', en: 'tally' },
  'phase.preservation': { es: 'acta y preservación', en: 'tally record and preservation' },
  'phase.verification': { es: 'verificación (urna verify)', en: 'verification (urna verify)' },
  'phase.results': { es: 'comparación de resultados', en: 'results compared' },
  'phases.total': { es: 'total del simulacro', en: 'whole simulacro' },
  'casting.parallel': template(
    { inFlight: 32, threads: 2, backend: 'noble' },
    {
      es: ({ inFlight, threads, backend }) => `${inFlight} votantes a la vez, cifrando en ${threads} hilos (${backend}), cada uno desde su propia dirección`,
      en: ({ inFlight, threads, backend }) => `${inFlight} voters at once, encrypting in ${threads} threads (${backend}), each from its own address`,
    },
  ),
  'keepOpen.title': {
    es: 'El simulacro sigue abierto: puede votar a mano en la casilla',
    en: 'The simulacro stays open: you can vote by hand in the booth',
  },
  'keepOpen.booth': { es: 'Casilla', en: 'Booth' },
  'keepOpen.board': { es: 'Tablero público', en: 'Public board' },
  'keepOpen.credentials': {
    es: 'Votantes que aún no votan (usuario y contraseña):',
    en: 'Voters who have not voted yet (username and password):',
  },
  'keepOpen.voter': template(
    { username: 'ab12-cd34', password: 'xyz', phone: '+525500000000' },
    {
      es: ({ username, password, phone }) => `usuario ${username}   contraseña ${password}   teléfono ${phone}`,
      en: ({ username, password, phone }) => `username ${username}   password ${password}   phone ${phone}`,
    },
  ),
  'keepOpen.sms': template(
    { outbox: '/tmp/urna/outbox' },
    {
      es: ({ outbox }) => `Los códigos SMS aparecen aquí, en esta consola, al enviarse (y quedan en ${outbox}).`,
      en: ({ outbox }) => `SMS codes appear here, on this console, as they are sent (and are kept in ${outbox}).`,
    },
  ),
  'keepOpen.code': template(
    { username: 'ab12-cd34', phone: '+525500000000', code: '123456' },
    {
      es: ({ username, phone, code }) => `SMS a ${phone} (${username}): código ${code}`,
      en: ({ username, phone, code }) => `SMS to ${phone} (${username}): code ${code}`,
    },
  ),
  'keepOpen.finish': {
    es: 'Oprima Enter aquí para cerrar la votación: el simulacro cierra, computa, emite el acta y verifica como siempre. (Ctrl-C lo interrumpe sin computar: también detiene la base de datos y los testigos.)',
    en: 'Press Enter here to close voting: the simulacro closes, tallies, issues the tally record and verifies as usual. (Ctrl-C aborts it without a tally: it also stops the database and the witnesses.)',
  },
  'keepOpen.closing': { es: 'Cerrando la votación', en: 'Closing voting' },
  'keepOpen.handBallots': template(
    { count: 1 },
    {
      es: ({ count }) => `${count} boleta(s) emitidas a mano: sus opciones no se comparan una a una (cada conteo descifrado debe ser al menos el de los votantes sintéticos y la suma cuadrar)`,
      en: ({ count }) => `${count} ballot(s) cast by hand: their choices are not compared one by one (each decrypted count must be at least the synthetic voters' and the sum must add up)`,
    },
  ),
  'option.keepOpen': { es: '--keep-open necesita al menos 2 votantes', en: 'needs at least 2 voters' },
});
