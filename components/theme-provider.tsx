"use client";
// next-themes provider: puts "light"/"dark" on <html> so the `dark:` variant and tokens follow it.
import * as React from "react";
import { ThemeProvider as NextThemesProvider } from "next-themes";

/** Wraps the app so `useTheme()` works and the chosen theme persists across visits. */
export function ThemeProvider({ children, ...props }: React.ComponentProps<typeof NextThemesProvider>) {
  return <NextThemesProvider {...props}>{children}</NextThemesProvider>;
}
