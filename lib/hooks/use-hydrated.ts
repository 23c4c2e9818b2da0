"use client";
// True once React has hydrated this page. A form that reads its fields from React state stays disabled until
// then: typed into or submitted earlier, the browser would submit it natively (a reload that drops what was
// typed) instead of running the handler.
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
