/** What the migration says about one place of the Rule. */
export interface Finding {
  /** Line in the Rule's file. */
  line: number;
  message: string;
}

/** A construct with no Action equivalent: its statement is kept, commented out, under a TODO. */
export class Blocked extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface Findings {
  /** Left for a human: commented out in the Action with the reason. */
  todos: Finding[];
  /** Converted, but behaves differently in a way worth checking. */
  notes: Finding[];
}
