import { type Decider, domainError } from "@claimstream/domain";
import * as E from "fp-ts/lib/Either.js";

/** A tiny decider for tests: a bank account that cannot go below zero. */
export type AccountCommand =
  | { type: "OpenAccount"; occurredAt: string; owner: string }
  | { type: "Deposit"; occurredAt: string; amount: number }
  | { type: "Withdraw"; occurredAt: string; amount: number };

export type AccountEvent =
  | { type: "AccountOpened"; schemaVersion: 1; occurredAt: string; owner: string }
  | { type: "MoneyDeposited"; schemaVersion: 1; occurredAt: string; amount: number }
  | { type: "MoneyWithdrawn"; schemaVersion: 1; occurredAt: string; amount: number };

export interface AccountState {
  readonly open: boolean;
  readonly balance: number;
}

const invalid = (message: string) => E.left(domainError("validation.invalid_command", message));

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: { open: false, balance: 0 },
  decide: (command, state) => {
    const base = { schemaVersion: 1 as const, occurredAt: command.occurredAt };
    switch (command.type) {
      case "OpenAccount":
        return state.open
          ? invalid("already open")
          : E.right([{ ...base, type: "AccountOpened", owner: command.owner }]);
      case "Deposit":
        return state.open
          ? E.right([{ ...base, type: "MoneyDeposited", amount: command.amount }])
          : invalid("not open");
      case "Withdraw":
        return state.balance < command.amount
          ? invalid("insufficient funds")
          : E.right([{ ...base, type: "MoneyWithdrawn", amount: command.amount }]);
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case "AccountOpened":
        return { ...state, open: true };
      case "MoneyDeposited":
        return { ...state, balance: state.balance + event.amount };
      case "MoneyWithdrawn":
        return { ...state, balance: state.balance - event.amount };
    }
  },
};

export const at = "2026-03-01T09:00:00.000Z";
