"use client";
// The backtest page body: the form, the selected run (its progress while it runs, live from the user's stream;
// its figures, curve and trades once done) and the list of runs kept.
import { useCallback, useEffect, useState } from "react";
import useSWR from "swr";
import { acquireStream } from "@/components/market/shared-event-source";
import { swrFetcher } from "@/lib/api/client";
import type { RunView } from "@/lib/backtest/runs";
import { BacktestForm, type BacktestFormProps } from "./backtest-form";
import { BacktestResult } from "./backtest-result";
import { BacktestRuns } from "./backtest-runs";

interface Props extends Omit<BacktestFormProps, "onStarted" | "busy"> {
  runs: RunView[];
  selected: RunView | null;
}

/** Progress events of the user's runs (`backtest` on /api/stream). */
function useBacktestEvents(onEvent: (e: { id: number; status: string; progress: number }) => void) {
  useEffect(() => {
    const { source, release } = acquireStream();
    const handler = (e: Event) => {
      try {
        onEvent(
          JSON.parse((e as MessageEvent<string>).data) as { id: number; status: string; progress: number },
        );
      } catch {
        /* not ours */
      }
    };
    source.addEventListener("backtest", handler);
    return () => {
      source.removeEventListener("backtest", handler);
      release();
    };
  }, [onEvent]);
}

export function BacktestClient({ runs: initialRuns, selected: initialSelected, ...form }: Props) {
  const [selectedId, setSelectedId] = useState<number | null>(initialSelected?.id ?? null);
  const [progress, setProgress] = useState<Record<number, number>>({});
  const { data: list, mutate: refetchList } = useSWR<{ items: RunView[] }>("/api/backtests", swrFetcher, {
    fallbackData: { items: initialRuns },
  });
  const {
    data: one,
    mutate: refetchOne,
    isLoading,
  } = useSWR<{ run: RunView }>(selectedId ? `/api/backtests/${selectedId}` : null, swrFetcher, {
    fallbackData:
      initialSelected?.id === selectedId && initialSelected ? { run: initialSelected } : undefined,
  });
  const runs = list?.items ?? initialRuns;
  const busy = runs.some((r) => r.status === "queued" || r.status === "running");

  const onEvent = useCallback(
    (e: { id: number; status: string; progress: number }) => {
      setProgress((p) => ({ ...p, [e.id]: e.progress }));
      if (e.status !== "running" || e.progress === 0) {
        void refetchList();
        if (e.id === selectedId) void refetchOne();
      }
    },
    [refetchList, refetchOne, selectedId],
  );
  useBacktestEvents(onEvent);

  // The stream is the fast path; a slow poll covers a dropped connection while something runs.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => {
      void refetchList();
      if (selectedId) void refetchOne();
    }, 5_000);
    return () => clearInterval(timer);
  }, [busy, refetchList, refetchOne, selectedId]);

  const select = (id: number) => {
    setSelectedId(id);
    window.history.replaceState(null, "", `/dashboard/backtest?run=${id}`);
  };

  const current = one?.run ?? null;
  return (
    <div className="space-y-6">
      <div className="grid items-start gap-6 lg:grid-cols-[22rem_minmax(0,1fr)] [&>*]:min-w-0">
        <BacktestForm
          {...form}
          busy={busy}
          onStarted={(run) => {
            void refetchList();
            select(run.id);
          }}
        />
        <BacktestResult
          run={current}
          loading={isLoading && !current}
          progress={current ? (progress[current.id] ?? current.progress) : 0}
          hasRuns={runs.length > 0}
        />
      </div>
      <BacktestRuns runs={runs} selectedId={selectedId} progress={progress} onSelect={select} />
    </div>
  );
}
