// The IP addresses orders come from, for the exchange's IP whitelist (shown when WORKER_EGRESS_IPS is set).
import { GlobeLockIcon } from "lucide-react";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The whitelist card. */
export function EgressIps({ ips }: { ips: string[] }) {
  if (ips.length === 0) return null;
  return (
    <Card data-testid="egress-ips">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <GlobeLockIcon className="text-muted-foreground size-4" aria-hidden="true" />
          Restrict the key to our IPs
        </CardTitle>
        <CardDescription>
          Tickpilot calls the exchange only from these addresses. Add them to the key&apos;s IP whitelist on
          the exchange.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="flex flex-wrap gap-2">
          {ips.map((ip) => (
            <li key={ip}>
              <code className="bg-muted rounded-md border px-2 py-1 font-mono text-sm select-all">{ip}</code>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
