"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { userMessage } from "@/lib/api-error";
import { signIn, signUp } from "./queries";
import { useSession } from "./session-provider";

type TMode = "signin" | "signup";

/** Sign in / sign up card shown when there is no session. */
export function AuthScreen() {
  const { api, signIn: startSession } = useSession();
  const id = useId();
  const [mode, setMode] = useState<TMode>("signup");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  const submit = useMutation({
    mutationFn: () => (mode === "signup" ? signUp(api, { email, password }) : signIn(api, { email, password })),
    onSuccess: (result) => startSession({ token: result.token, email: result.user.email }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };

  const error = submit.error ? userMessage(submit.error) : null;
  const errorText =
    error?.code === "UNAUTHENTICATED" && mode === "signin" ? "Wrong email or password." : error?.message;

  const tab = (value: TMode, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={mode === value}
      onClick={() => {
        setMode(value);
        submit.reset();
      }}
      className={`flex-1 rounded-md py-2 text-sm font-medium ${
        mode === value ? "bg-zinc-700 text-zinc-50" : "text-zinc-400 hover:text-zinc-200"
      }`}
    >
      {label}
    </button>
  );

  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-xl border border-zinc-800 bg-zinc-900 p-6 shadow-2xl shadow-black/50">
        <h1 className="text-lg font-bold tracking-tight text-zinc-50">
          CFD<span className="text-sky-400">Demo</span>
        </h1>
        <p className="mt-1 text-sm text-zinc-400">
          Leveraged demo trading on live Backpack prices. New accounts start with $10,000 of play money.
        </p>
        <div role="tablist" aria-label="Account" className="mt-5 flex gap-1 rounded-lg bg-zinc-950 p-1">
          {tab("signup", "Sign up")}
          {tab("signin", "Sign in")}
        </div>
        <form onSubmit={onSubmit} className="mt-4 flex flex-col gap-3" aria-label={mode === "signup" ? "Sign up" : "Sign in"}>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-email`} className="text-xs text-zinc-400">
              Email
            </label>
            <input
              id={`${id}-email`}
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              className="rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 text-sm text-zinc-100 focus:border-sky-500 focus:outline-none"
            />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-password`} className="text-xs text-zinc-400">
              Password
            </label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete={mode === "signup" ? "new-password" : "current-password"}
              required
              minLength={mode === "signup" ? 8 : 1}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className="rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 text-sm text-zinc-100 focus:border-sky-500 focus:outline-none"
            />
            {mode === "signup" ? <p className="text-[11px] text-zinc-500">At least 8 characters.</p> : null}
          </div>
          {errorText ? (
            <p role="alert" className="rounded-md border border-rose-500/40 bg-rose-500/10 px-3 py-2 text-xs text-rose-300">
              {errorText}
            </p>
          ) : null}
          <button
            type="submit"
            disabled={submit.isPending}
            className="mt-1 rounded-md bg-sky-600 py-2.5 text-sm font-semibold text-white hover:bg-sky-500 disabled:opacity-50"
          >
            {submit.isPending ? "Please wait…" : mode === "signup" ? "Create account" : "Sign in"}
          </button>
        </form>
      </div>
    </main>
  );
}
