/**
 * Who may act on the configuration. Duties are separated: the INE operator who loads the
 * manual is not the one who ratifies it.
 *  - ine-operator: configures and amends (UTSI staff, before the notary);
 *  - ine-authority: ratifies the federal contests (the national authority);
 *  - opl-representative: ratifies the local contests of their own entity (its OPL).
 */
export type Actor =
  | { role: 'ine-operator'; id: string }
  | { role: 'ine-authority'; id: string }
  | { role: 'opl-representative'; id: string; entity: string };

export type ActorRole = Actor['role'];
