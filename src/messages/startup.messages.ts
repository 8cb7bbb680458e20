/**
 * Catalog of what the service says about its own running state: why it could not start (one
 * entry per kind of failure, each saying what failed and what to do, printed by src/main.ts
 * through src/faults/startup-failure.ts), and the answer every request gets while its database
 * is out of reach (src/faults). Operators read the first; voters, observers and programs the
 * second (the `error` code next to it is what programs match).
 */
import { defineCatalog, template } from './catalog';

export const startupMessages = defineCatalog({
  // Answer to a write the synchronous standby did not confirm in time (HTTP 503): no receipt.
  'unavailable.standby': {
    es: 'El servicio no pudo confirmar que su base de datos de respaldo guardó la operación, así que no la da por hecha y no emite comprobante. Intente de nuevo en unos momentos: si su voto ya quedó registrado, se le dirá, y nunca se contará dos veces.',
    en: 'The service could not confirm that its standby database saved the operation, so it does not count it as done and issues no receipt. Please try again in a few moments: if your ballot was already recorded you will be told so, and it is never counted twice.',
  },
  // Answer to a request while PostgreSQL cannot be reached (HTTP 503).
  'unavailable.database': {
    es: 'El servicio no puede consultar su base de datos en este momento. Nada de lo ya registrado se ha perdido; intente de nuevo en unos momentos.',
    en: 'The service cannot reach its database right now. Nothing already recorded has been lost; please try again in a few moments.',
  },

  // Start-up failures: what failed, then what to do.
  'startup.prefix': { es: 'Urna no pudo iniciar', en: 'Urna could not start' },
  'startup.configuration': template(
    { problems: 'PORT: Expected number, received nan' },
    {
      es: ({ problems }) => `configuración inválida (${problems}). Corrija esas variables de entorno y vuelva a iniciar.`,
      en: ({ problems }) => `invalid configuration (${problems}). Fix those environment variables and start again.`,
    },
  ),
  'startup.portInUse': template(
    { host: '127.0.0.1', port: 3000 },
    {
      es: ({ host, port }) => `el puerto ${port} de ${host} ya está en uso. Detenga el proceso que lo ocupa (¿otra Urna en marcha?) o elija otro puerto con PORT.`,
      en: ({ host, port }) => `port ${port} on ${host} is already in use. Stop the process holding it (another Urna running?) or choose another port with PORT.`,
    },
  ),
  'startup.portNotPermitted': template(
    { host: '0.0.0.0', port: 443 },
    {
      es: ({ host, port }) => `no hay permiso para escuchar en el puerto ${port} de ${host}. Use un puerto mayor que 1023 detrás de un proxy inverso, o dé ese permiso al proceso.`,
      en: ({ host, port }) => `no permission to listen on port ${port} on ${host}. Use a port above 1023 behind a reverse proxy, or grant the process that permission.`,
    },
  ),
  'startup.addressNotAvailable': template(
    { host: '10.9.9.9' },
    {
      es: ({ host }) => `la dirección ${host} no pertenece a esta máquina. Corrija HOST (127.0.0.1 detrás de un proxy, 0.0.0.0 para todas las interfaces).`,
      en: ({ host }) => `address ${host} does not belong to this machine. Fix HOST (127.0.0.1 behind a proxy, 0.0.0.0 for every interface).`,
    },
  ),
  'startup.dataDirNotWritable': template(
    { path: '/srv/urna/keys', reason: 'EACCES' },
    {
      es: ({ path, reason }) => `no se puede escribir en la carpeta de datos (${path}: ${reason}). Dé permiso de escritura al usuario del servicio o elija otra carpeta con URNA_DATA_DIR.`,
      en: ({ path, reason }) => `the data folder cannot be written (${path}: ${reason}). Give the service's user write permission or choose another folder with URNA_DATA_DIR.`,
    },
  ),
  'startup.dataDirNotSearchable': template(
    { path: '/root', mode: '700' },
    {
      es: ({ path, mode }) => `el usuario postgres no puede entrar a ${path} (permisos ${mode}), y el PostgreSQL integrado corre como él. Use otra carpeta de datos con URNA_DATA_DIR o ejecute "chmod o+x ${path}".`,
      en: ({ path, mode }) => `the postgres user cannot enter ${path} (mode ${mode}), and the embedded PostgreSQL runs as that user. Choose another data folder with URNA_DATA_DIR or run "chmod o+x ${path}".`,
    },
  ),
  'startup.databaseUnreachable': template(
    { target: '127.0.0.1:5432', reason: 'ECONNREFUSED' },
    {
      es: ({ target, reason }) => `no se pudo conectar con PostgreSQL en ${target} (${reason}). Verifique que el servidor esté en marcha y que DATABASE_URL lo señale; sin DATABASE_URL, Urna inicia el suyo.`,
      en: ({ target, reason }) => `could not connect to PostgreSQL at ${target} (${reason}). Check that the server is running and that DATABASE_URL points to it; without DATABASE_URL, Urna starts its own.`,
    },
  ),
  'startup.databaseRefused': template(
    { target: '127.0.0.1:5432', reason: 'password authentication failed for user "urna"' },
    {
      es: ({ target, reason }) => `PostgreSQL en ${target} rechazó la conexión (${reason}). Corrija el usuario, la contraseña o la base de datos en DATABASE_URL.`,
      en: ({ target, reason }) => `PostgreSQL at ${target} refused the connection (${reason}). Fix the user, password or database in DATABASE_URL.`,
    },
  ),
  'startup.embeddedDatabase': template(
    { dataDir: '.data/postgres/cluster', reason: 'FATAL: could not create lock file' },
    {
      es: ({ dataDir, reason }) => `el PostgreSQL integrado no arrancó sobre ${dataDir} (${reason}). Revise el espacio en disco y los permisos de esa carpeta; el registro de PostgreSQL está arriba.`,
      en: ({ dataDir, reason }) => `the embedded PostgreSQL did not start on ${dataDir} (${reason}). Check disk space and that folder's permissions; PostgreSQL's log is above.`,
    },
  ),
  'startup.hsmModule': template(
    { modulePath: '/usr/lib/softhsm/libsofthsm2.so' },
    {
      es: ({ modulePath }) => `no se pudo cargar el módulo PKCS#11 ${modulePath}. Instálelo (SoftHSM: paquete softhsm2) o indique la biblioteca de su HSM con PKCS11_MODULE.`,
      en: ({ modulePath }) => `could not load the PKCS#11 module ${modulePath}. Install it (SoftHSM: package softhsm2) or give your HSM's library with PKCS11_MODULE.`,
    },
  ),
  'startup.hsm': template(
    { detail: { es: 'no se encontró el token "urna-log"', en: 'token "urna-log" not found' } },
    {
      es: ({ detail }) => `el HSM no dio la llave del registro: ${detail.es}. Revise URNA_LOG_PKCS11_TOKEN, el PIN y la etiqueta de la llave.`,
      en: ({ detail }) => `the HSM did not provide the log key: ${detail.en}. Check URNA_LOG_PKCS11_TOKEN, the PIN and the key label.`,
    },
  ),
  'startup.logKey': template(
    { detail: 'key file is for "a/log", expected "b/log"' },
    {
      es: ({ detail }) => `la llave que firma el registro no corresponde (${detail}). Use la carpeta de datos de esta elección, o fije URNA_LOG_ORIGIN / URNA_LOG_KEY_FILE al origen y la llave con que se firmó.`,
      en: ({ detail }) => `the key that signs the log does not match (${detail}). Use this election's data folder, or set URNA_LOG_ORIGIN / URNA_LOG_KEY_FILE to the origin and key it was signed with.`,
    },
  ),
  'startup.unknown': template(
    { detail: 'Error: something unexpected' },
    {
      es: ({ detail }) => `falla inesperada: ${detail}. El detalle técnico está arriba; si se repite, repórtela con ese registro.`,
      en: ({ detail }) => `unexpected failure: ${detail}. The technical detail is above; if it happens again, report it with that log.`,
    },
  ),

  'startup.dataDirInUse': template(
    { pid: 4242, owner: 4200, dataDir: '.data/postgres/cluster' },
    {
      es: ({ pid, owner, dataDir }) => `otro proceso (pid ${owner}) ya usa la base de datos de ${dataDir} (PostgreSQL pid ${pid}). Detenga esa otra Urna o use otra carpeta con URNA_DATA_DIR.`,
      en: ({ pid, owner, dataDir }) => `another process (pid ${owner}) is already using the database in ${dataDir} (PostgreSQL pid ${pid}). Stop that other Urna or use another folder with URNA_DATA_DIR.`,
    },
  ),

  // What the embedded PostgreSQL's start says it did about a server left by a crash.
  'stale.stopped': template(
    { pid: 4242, dataDir: '.data/postgres/cluster' },
    {
      es: ({ pid, dataDir }) => `un PostgreSQL de una ejecución anterior (pid ${pid}) seguía en marcha sobre ${dataDir}: se detuvo para iniciar uno propio`,
      en: ({ pid, dataDir }) => `a PostgreSQL left by an earlier run (pid ${pid}) was still running on ${dataDir}: it was stopped to start our own`,
    },
  ),
  'stale.lockRemoved': template(
    { pid: 4242, dataDir: '.data/postgres/cluster' },
    {
      es: ({ pid, dataDir }) => `postmaster.pid de ${dataDir} nombraba el pid ${pid}, que ya no es PostgreSQL: se quitó el archivo obsoleto`,
      en: ({ pid, dataDir }) => `${dataDir}'s postmaster.pid named pid ${pid}, which is no longer PostgreSQL: the stale file was removed`,
    },
  ),
  'stale.restarted': template(
    { port: 5433 },
    {
      es: ({ port }) => `el PostgreSQL integrado terminó inesperadamente; se reinicia en el puerto ${port}`,
      en: ({ port }) => `the embedded PostgreSQL ended unexpectedly; restarting it on port ${port}`,
    },
  ),

  // The one line a process prints where it starts (src/parallel/group-backend.ts): which
  // ristretto255 backend verifies, and why when libdecaf's, the default, is not the one.
  'backend.decaf': template(
    { backend: 'decaf-native' },
    {
      es: ({ backend }) => `aritmética ristretto255: ${backend} (libdecaf nativa, verificación por lotes)`,
      en: ({ backend }) => `ristretto255 arithmetic: ${backend} (native libdecaf, batch verification)`,
    },
  ),
  'backend.decafHidden': template(
    { backend: 'libsodium-native' },
    {
      es: ({ backend }) => `aritmética ristretto255: ${backend} (respaldo: native/decaf255 oculto por URNA_HIDE_DECAF=1)`,
      en: ({ backend }) => `ristretto255 arithmetic: ${backend} (fallback: native/decaf255 hidden by URNA_HIDE_DECAF=1)`,
    },
  ),
  'backend.decafMissing': template(
    { backend: 'noble' },
    {
      es: ({ backend }) => `aritmética ristretto255: ${backend} (respaldo: native/decaf255 no está compilado; npm run build:native, requiere libdecaf-dev)`,
      en: ({ backend }) => `ristretto255 arithmetic: ${backend} (fallback: native/decaf255 is not built; npm run build:native, needs libdecaf-dev)`,
    },
  ),
  'backend.chosen': template(
    { backend: 'libsodium-native' },
    {
      es: ({ backend }) => `aritmética ristretto255: ${backend} (elegida con URNA_GROUP_BACKEND o --group)`,
      en: ({ backend }) => `ristretto255 arithmetic: ${backend} (chosen with URNA_GROUP_BACKEND or --group)`,
    },
  ),
});
