/**
 * One citizen on the LNERE (lista nominal de electores residentes en el extranjero) who chose
 * the electronic (internet) modality, as the roll import reads it. Personal data: it is only
 * ever recorded in the voter's SEALED stream (VoterRegistered), never in a public event.
 */
export type Sex = 'H' | 'M' | 'X';

export interface VoterRecord {
  /** Clave de elector: 18 characters, upper case. */
  electorKey: string;
  name: string;
  /** INEGI 2-digit code of the entity of origin ("01"…"32"); it decides the ballot style. */
  entityOfOrigin: string;
  /** ISO 3166-1 alpha-3 code of the country of residence (never MEX). */
  countryOfResidence: string;
  email: string;
  /** E.164: "+" then 8 to 15 digits, first digit not 0. */
  mobilePhone: string;
  /** H (hombre), M (mujer), X (no binario), as on the voter's credential. */
  sex: Sex;
  birthYear: number;
}

/** The CSV columns, in the order the documented format writes them (docs/spec/roll-and-authentication.md). */
export const ROLL_CSV_COLUMNS = [
  'elector_key',
  'name',
  'entity_of_origin',
  'country_of_residence',
  'email',
  'mobile_phone',
  'sex',
  'birth_year',
  'modality',
] as const;

export type RollCsvColumn = (typeof ROLL_CSV_COLUMNS)[number];

/** The only `modality` value this roll accepts: the electronic (internet) modality. */
export const ELECTRONIC_MODALITY = 'internet';
