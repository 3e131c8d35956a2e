import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { readWebEnv } from "@/env";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "CFD Demo Terminal",
  description: "Leveraged demo trading on live Backpack prices.",
};

export const viewport: Viewport = { themeColor: "#09090b", colorScheme: "dark" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render per request so the engine URL comes from the runtime environment, not the build.
  await connection();
  const { NEXT_PUBLIC_API_URL } = readWebEnv();
  return (
    <html lang="en" className={`dark ${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="bg-zinc-950 font-sans text-zinc-100 antialiased">
        <Providers apiUrl={NEXT_PUBLIC_API_URL}>{children}</Providers>
      </body>
    </html>
  );
}
