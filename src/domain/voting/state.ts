export interface VoterBallotState {
  cast: boolean;
  trackingCode?: string;
  castAt?: string;
  spoiled: number;
}

export const initialVoterBallotState = (): VoterBallotState => ({ cast: false, spoiled: 0 });
