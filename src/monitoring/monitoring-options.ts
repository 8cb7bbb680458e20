/** What a deployment tells monitoring (MonitoringModule.forRoot). */
import type { RandomSource } from '../domain/roll/random-source';
import type { SmsSender } from '../messaging/ports';
import type { DeliveryStatistics } from './delivery-statistics';

export interface MonitoringOptions {
  /** The election monitored; accounts, incidents and reports are this election's. */
  electionId?: string;
  /** The data folder: its disk is watched, reports are written under <dataDir>/reports. */
  dataDir: string;
  /** Where one-time codes go (already counted by `deliveries` when given). */
  sms: SmsSender;
  random: RandomSource;
  /** The e-mail and SMS gateways' counts (the same object that wraps the senders). */
  deliveries?: DeliveryStatistics;
  /** The checkpoint key is in a PKCS#11 token (URNA_LOG_PKCS11_TOKEN). */
  logKeyInToken?: boolean;
  /** scrypt cost of new account passwords, as log2(N). Default 15. */
  scryptLogN?: number;
  /** Sign-in budgets: per client address and per username, over a window. */
  signInLimits?: { perAddress?: { limit: number; windowMs: number }; perUsername?: { limit: number; windowMs: number } };
  /** PostgreSQL schema of the sign-in counters. Default 'monitoring'. */
  schema?: string;
  clock?: () => Date;
}

export const MONITORING_OPTIONS = Symbol('MONITORING_OPTIONS');
