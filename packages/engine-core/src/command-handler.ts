import type { EngineState } from "./engine-state";
import type { CommandResult, EngineCommand, EngineEvent, RejectCode, Rejection } from "./types";

/** What a command reports besides its result; execute() turns `changed` into accountChanged events. */
export interface CommandEffects {
  readonly events: EngineEvent[];
  /** Every account whose ledger fields the command wrote, so its row hash is refreshed once. */
  readonly changed: Set<string>;
}

/** One command: a function of the state and the command, in its own file (open-position.ts, …). */
export type CommandHandler<C extends EngineCommand> = (
  state: EngineState,
  command: C,
  effects: CommandEffects,
) => CommandResult<C>;

/** A business rejection (a value, never an exception). */
export function reject(code: RejectCode, message: string): Rejection {
  return { ok: false, code, message };
}
