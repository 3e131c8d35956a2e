"use client";

import { type TApiKey, type TApiKeyScope, type TCreatedApiKey } from "@repo/shared-types/api-keys";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { useSession } from "@/features/auth/session-provider";
import { useToast } from "@/features/toasts/toast-provider";
import { userMessage } from "@/lib/api-error";
import { queryKeys } from "@/lib/query-keys";
import { apiKeysQuery, botSnippet, createApiKey, revokeApiKey } from "./queries";

const created = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
const SCOPE_LABEL: Record<"read" | "trade", string> = { read: "Read only", trade: "Read and trade" };
const button = "rounded border px-3 py-1.5 text-sm font-medium disabled:opacity-50";

/** API keys for programs: create (the key is shown once), copy, revoke; and how to connect a bot. */
export function ApiKeysPage() {
  const { api } = useSession();
  const keys = useQuery(apiKeysQuery(api));
  const [fresh, setFresh] = useState<TCreatedApiKey | null>(null);

  return (
    <div className="mx-auto flex min-h-dvh max-w-4xl flex-col gap-3 p-3 sm:p-6">
      <header className="flex items-center justify-between gap-3">
        <h1 className="text-lg font-semibold text-zinc-50">API keys</h1>
        <Link href="/" className="text-sm text-sky-400 hover:text-sky-300">
          ← Back to the terminal
        </Link>
      </header>
      <p className="text-sm text-zinc-400">
        A key lets a program use the REST API and the live socket as you. A <em>read only</em> key sees balances,
        positions and history; a <em>read and trade</em> key can also open and close positions. Keys cannot
        manage keys or sign-ins. Revoke a key the moment you stop trusting where it is.
      </p>
      <CreateKeyForm onCreated={setFresh} />
      {fresh && <NewKeyPanel apiKey={fresh} onDone={() => setFresh(null)} />}
      <KeysTable keys={keys.data} loading={keys.isPending} />
      <ConnectBot apiUrl={api.baseUrl} />
    </div>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (key: TCreatedApiKey) => void }) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"read" | "trade">("read");
  const create = useMutation({
    mutationFn: (body: { name: string; scopes: TApiKeyScope[] }) => createApiKey(api, body),
    onSuccess: (key) => {
      setName("");
      onCreated(key);
      void queryClient.invalidateQueries({ queryKey: queryKeys.account.apiKeys });
    },
    onError: (e) => toast({ tone: "danger", title: "Key not created", description: userMessage(e).message }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), scopes: scope === "trade" ? ["read", "trade"] : ["read"] });
  };
  return (
    <form onSubmit={submit} aria-label="Create an API key" className="flex flex-wrap items-end gap-4 rounded-lg border border-zinc-800 bg-zinc-900 p-3">
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs text-zinc-400">
        Key name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={64}
          placeholder="e.g. ma-crossover-bot"
          className="rounded border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-sm text-zinc-100 placeholder:text-zinc-600 focus:border-sky-500 focus:outline-none"
        />
      </label>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-xs text-zinc-400">Access</legend>
        <div className="flex gap-3 text-sm text-zinc-200">
          {(["read", "trade"] as const).map((value) => (
            <label key={value} htmlFor={`${id}-${value}`} className="flex items-center gap-1.5">
              <input id={`${id}-${value}`} type="radio" name={`${id}-scope`} checked={scope === value} onChange={() => setScope(value)} className="accent-sky-500" />
              {SCOPE_LABEL[value]}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={create.isPending || name.trim() === ""} className={`${button} border-sky-600 bg-sky-600 text-white hover:bg-sky-500`}>
        {create.isPending ? "Creating…" : "Create key"}
      </button>
    </form>
  );
}

/** The one time the secret is on screen. */
function NewKeyPanel({ apiKey, onDone }: { apiKey: TCreatedApiKey; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  const copy = async () => {
    await navigator.clipboard.writeText(apiKey.key);
    setCopied(true);
  };
  return (
    <section aria-label="Your new API key" className="flex flex-col gap-2 rounded-lg border border-amber-600/60 bg-amber-950/30 p-3">
      <h2 className="text-sm font-semibold text-amber-200">Copy your new key “{apiKey.name}” now: it will not be shown again</h2>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="sr-only">
          New API key
        </label>
        <input
          id={id}
          readOnly
          value={apiKey.key}
          onFocus={(e) => e.target.select()}
          className="min-w-0 flex-1 rounded border border-zinc-700 bg-zinc-950 px-2 py-1.5 font-mono text-sm text-zinc-100"
        />
        <button type="button" onClick={() => void copy()} className={`${button} border-zinc-600 text-zinc-100 hover:border-zinc-400`}>
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" onClick={onDone} className={`${button} border-zinc-700 text-zinc-300 hover:border-zinc-500`}>
          Done
        </button>
      </div>
    </section>
  );
}

function KeysTable({ keys, loading }: { keys: TApiKey[] | undefined; loading: boolean }) {
  return (
    <section aria-label="Your API keys" className="rounded-lg border border-zinc-800 bg-zinc-900">
      <h2 className="border-b border-zinc-800 px-3 py-2 text-sm font-semibold text-zinc-100">Your keys</h2>
      {keys === undefined || keys.length === 0 ? (
        <p className="px-3 py-4 text-sm text-zinc-500">{loading ? "Loading…" : "No API keys yet."}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-zinc-500">
            <tr>
              <th className="px-3 py-2 font-medium">Name</th>
              <th className="px-3 py-2 font-medium">Access</th>
              <th className="px-3 py-2 font-medium">Key</th>
              <th className="px-3 py-2 font-medium">Created</th>
              <th className="px-3 py-2" aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <KeyRow key={key.id} apiKey={key} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function KeyRow({ apiKey }: { apiKey: TApiKey }) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => revokeApiKey(api, apiKey.id),
    onSuccess: (revoked) => {
      queryClient.setQueryData<TApiKey[]>(queryKeys.account.apiKeys, (old) => old?.filter((k) => k.id !== revoked.id));
      toast({ tone: "info", title: `Key “${revoked.name}” revoked`, description: "Programs using it are signed out now." });
    },
    onError: (e) => toast({ tone: "danger", title: "Revoke failed", description: userMessage(e).message }),
  });
  return (
    <tr className="border-t border-zinc-800">
      <td className="px-3 py-2 text-zinc-100">{apiKey.name}</td>
      <td className="px-3 py-2 text-zinc-300">{apiKey.scopes.includes("trade") ? SCOPE_LABEL.trade : SCOPE_LABEL.read}</td>
      <td className="px-3 py-2 font-mono text-xs text-zinc-400">{apiKey.keyPrefix}…</td>
      <td className="px-3 py-2 text-zinc-400">{created.format(apiKey.createdAt)}</td>
      <td className="px-3 py-2 text-right">
        {confirming ? (
          <span className="inline-flex gap-2">
            <button type="button" onClick={() => revoke.mutate()} disabled={revoke.isPending} className={`${button} border-red-700 bg-red-700 text-white hover:bg-red-600`}>
              Confirm revoke
            </button>
            <button type="button" onClick={() => setConfirming(false)} className={`${button} border-zinc-700 text-zinc-300`}>
              Cancel
            </button>
          </span>
        ) : (
          <button
            type="button"
            aria-label={`Revoke ${apiKey.name}`}
            onClick={() => setConfirming(true)}
            className={`${button} border-zinc-700 text-zinc-300 hover:border-red-600 hover:text-red-300`}
          >
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}

function ConnectBot({ apiUrl }: { apiUrl: string }) {
  return (
    <section aria-label="Connect a bot" className="flex flex-col gap-2 rounded-lg border border-zinc-800 bg-zinc-900 p-3">
      <h2 className="text-sm font-semibold text-zinc-100">Connect a bot</h2>
      <p className="text-sm text-zinc-400">
        Send the key as <code className="text-zinc-200">Authorization: Bearer &lt;key&gt;</code>, or use the typed SDK
        (<code className="text-zinc-200">packages/sdk</code>). Every route is in the{" "}
        <a href={`${apiUrl}/docs`} target="_blank" rel="noreferrer" className="text-sky-400 hover:text-sky-300">
          API reference
        </a>
        .
      </p>
      <pre aria-label="SDK example" className="overflow-x-auto rounded bg-zinc-950 p-3 font-mono text-xs leading-relaxed text-zinc-300">
        {botSnippet(apiUrl)}
      </pre>
      <p className="text-sm text-zinc-400">
        Or run the example moving-average bot:{" "}
        <code className="text-zinc-200">API_KEY=&lt;key&gt; npm run start -w ma-crossover-bot</code>
      </p>
    </section>
  );
}
