// GET /admin/controls — global kill switch, per-symbol pause, decision provider/model, tick interval, token budget,
// LLM prices.
import type { Metadata } from "next";

import { EngineSettingsForm } from "@/components/admin/engine-settings-form";
import { ModelPricesForm } from "@/components/admin/model-prices-form";
import { KillSwitchControl, SymbolPauseControl } from "@/components/admin/switch-controls";
import { PageHeader } from "@/components/page-header";
import { readSettingsView } from "@/lib/admin/system-settings";
import { requireAdminPage } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Admin · Controls" };

export default async function AdminControlsPage() {
  await requireAdminPage();
  const view = await readSettingsView();
  const updated = (k: string) => view.updatedAt[k]?.toISOString() ?? null;
  return (
    <>
      <PageHeader
        title="Controls"
        description="Platform-wide switches. Every change is audited and applies from the next job or tick — no restart."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <KillSwitchControl on={view.stored.killSwitch} updatedAt={updated("killSwitch")} />
        <SymbolPauseControl symbols={view.symbols} paused={view.stored.pausedSymbols} />
        <div className="min-w-0 lg:col-span-2">
          <EngineSettingsForm stored={view.stored} defaults={view.defaults} />
        </div>
        <div className="min-w-0 lg:col-span-2">
          <ModelPricesForm
            prices={view.effective.modelPrices}
            custom={view.stored.modelPrices !== null}
            activeModel={view.effective.model}
          />
        </div>
      </div>
    </>
  );
}
