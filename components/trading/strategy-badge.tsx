// Says who decides: the built-in indicator strategy (no AI) or an AI model.
import { CpuIcon, SparklesIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";

/** "Built-in indicator strategy (no AI)" or "AI · <model>". */
export function StrategyBadge({ provider, model }: { provider: string; model: string }) {
  if (provider === "builtin") {
    return (
      <Badge
        variant="muted"
        data-testid="strategy-badge"
        title="RSI, moving averages and ATR — no language model"
      >
        <CpuIcon aria-hidden="true" /> Built-in indicator strategy (no AI)
      </Badge>
    );
  }
  return (
    <Badge variant="outline" data-testid="strategy-badge">
      <SparklesIcon aria-hidden="true" /> AI · {model}
    </Badge>
  );
}
