/**
 * Catalog of the trustee station (`urna trustee …`, src/trustee-station): what a trustee reads
 * on their own machine while taking part in the key ceremony and the tally, and the station's
 * refusals. The ceremony's standing and "what to do next" come from the domain catalog
 * (ceremony.standing.*, ceremony.next.*), computed from the ceremony's state.
 */
import { defineCatalog, template } from './catalog';

export const trusteeStationMessages = defineCatalog({
  'station.description': {
    es: 'estación del fideicomisario: su token, su máquina; la ceremonia de llaves y el cómputo',
    en: "trustee station: the trustee's own token and machine; the key ceremony and the tally",
  },
  'station.error.wrongToken': template(
    { tokenLabel: 'custodio-1' },
    {
      es: ({ tokenLabel }) => `el token ${tokenLabel} no tiene la llave de firma registrada para esta estación: ¿es el token correcto?`,
      en: ({ tokenLabel }) => `token ${tokenLabel} does not hold the signing key enrolled for this station: is it the right token?`,
    },
  ),
  'station.error.folderInUse': template(
    { dir: '/home/ana/urna-custodio', electionId: 'simulacro-2024' },
    {
      es: ({ dir, electionId }) => `la carpeta ${dir} ya es la estación de otra llave o de la elección ${electionId}`,
      en: ({ dir, electionId }) => `folder ${dir} is already the station of another key or of election ${electionId}`,
    },
  ),
  'station.error.notInitialised': template(
    { dir: '/home/ana/urna-custodio' },
    {
      es: ({ dir }) => `${dir} no es una carpeta de estación: ejecute primero urna trustee init`,
      en: ({ dir }) => `${dir} is not a station folder: run urna trustee init first`,
    },
  ),
  'station.error.otherElection': template(
    { electionId: 'simulacro-2024', other: 'otra-2024' },
    {
      es: ({ electionId, other }) => `esta estación es de la elección ${electionId}, el servicio muestra ${other}`,
      en: ({ electionId, other }) => `this station is for election ${electionId}, the service shows ${other}`,
    },
  ),
  'station.error.notEnrolled': template(
    { electionId: 'simulacro-2024' },
    {
      es: ({ electionId }) => `la llave de firma de este token no está registrada en la ceremonia de ${electionId}: entregue enrolment.json a los funcionarios`,
      en: ({ electionId }) => `this token's signing key is not enrolled in the ceremony of ${electionId}: hand enrolment.json to the officials`,
    },
  ),
  'station.error.notOpened': { es: 'la ceremonia no ha sido abierta', en: 'the ceremony has not been opened' },
  'station.error.unsignedMessage': template(
    { round: 1, trustee: 3 },
    {
      es: ({ round, trustee }) => `el mensaje de ronda ${round} del fideicomisario ${trustee} no está firmado con su llave registrada: no se continúa`,
      en: ({ round, trustee }) => `trustee ${trustee}'s round-${round} message is not signed with its enrolled key: stopping`,
    },
  ),
  'station.error.noSecrets': template(
    { ceremonyId: 'simulacro-2024.dkg.1' },
    {
      es: ({ ceremonyId }) => `esta carpeta no tiene los secretos de la ronda 1 de la ceremonia ${ceremonyId}: use la carpeta con la que publicó la ronda 1`,
      en: ({ ceremonyId }) => `this folder holds no round-1 secrets of ceremony ${ceremonyId}: use the folder round 1 was published from`,
    },
  ),
});
