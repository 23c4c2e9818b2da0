// GET /dashboard/settings — risk level, leverage cap, minimum confidence, custom prompt, daily loss limit.
import type { Metadata } from "next";
import { KeptSettingsNotice } from "@/components/billing/kept-settings-notice";
import { PageHeader } from "@/components/page-header";
import { SettingsForm } from "@/components/trading/settings-form";
import { requireUser } from "@/lib/auth/session";
import { effectivePlan } from "@/lib/billing/effective-plan";
import { RISK_LEVERAGE_CAP } from "@/lib/decision/decide-group";
import { RISK_FRACTION } from "@/lib/execution/sizing";
import { RISK_LEVELS } from "@/lib/trading/risk-level";
import { getSettings } from "@/lib/trading/settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser("/dashboard/settings");
  const settings = await getSettings(user.id);
  const plan = effectivePlan(user.plan);
  return (
    <>
      <PageHeader title="Settings" description="Your limits bind every order Tickpilot places for you." />
      <div className="grid gap-6">
        <KeptSettingsNotice
          planName={plan.name}
          planMaxLeverage={plan.maxLeverage}
          storedLeverage={settings.maxLeverage}
          promptKept={!plan.customPrompt && Boolean(settings.customPrompt)}
        />
        <SettingsForm
          initial={{
            riskLevel: settings.riskLevel,
            maxLeverage: settings.maxLeverage,
            minConfidence: settings.minConfidence,
            customPrompt: settings.customPrompt,
            dailyLossLimit: settings.dailyLossLimit,
          }}
          plan={{ name: plan.name, maxLeverage: plan.maxLeverage, customPrompt: plan.customPrompt }}
          riskLevels={RISK_LEVELS.map((id) => ({
            id,
            riskFraction: RISK_FRACTION[id],
            leverageCap: RISK_LEVERAGE_CAP[id],
          }))}
        />
      </div>
    </>
  );
}
