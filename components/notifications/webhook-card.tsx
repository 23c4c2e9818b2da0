"use client";
// Signed webhooks: save a URL (the server refuses private, loopback and link-local addresses and says why), see
// the signing secret once, remove it.
import { useState } from "react";
import { toast } from "sonner";
import { WebhookIcon } from "lucide-react";

import { FormAlert } from "@/components/account/form-alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch, ApiError } from "@/lib/api/client";

/** The webhook channel card; `onSaved` reloads the settings. */
export function WebhookCard({ url, onSaved }: { url: string | null; onSaved: () => Promise<void> }) {
  const [value, setValue] = useState(url ?? "");
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const res = await apiFetch<{ secret: string }>("/api/notifications/webhook", {
        method: "PUT",
        body: { url: value },
      });
      setSecret(res.secret);
      await onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not save the URL. Try again.");
    } finally {
      setPending(false);
    }
  }

  async function remove() {
    setPending(true);
    try {
      await apiFetch("/api/notifications/webhook", { method: "DELETE" });
      setValue("");
      setSecret(null);
      await onSaved();
      toast.success("Webhook removed");
    } catch (err) {
      toast.error(err instanceof ApiError ? err.message : "Could not remove it. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <Card>
      <form onSubmit={save} noValidate className="flex flex-col gap-6" aria-label="Signed webhook">
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <WebhookIcon className="text-muted-foreground size-4" aria-hidden="true" />
            Signed webhook
          </CardTitle>
          <CardDescription>
            Each notification is POSTed as JSON to your URL, signed with HMAC-SHA256 in the{" "}
            <code className="text-foreground">Tickpilot-Signature</code> header (see docs/notifications.md).
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-3">
          <FormAlert title={error} />
          {secret && (
            <FormAlert tone="success" title="Saved. Your signing secret (shown once):">
              <code className="block break-all select-all" data-testid="webhook-secret">
                {secret}
              </code>
            </FormAlert>
          )}
          <div className="space-y-2">
            <Label htmlFor="webhook-url">Webhook URL</Label>
            <Input
              id="webhook-url"
              type="url"
              inputMode="url"
              placeholder="https://example.com/hooks/tickpilot"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
          </div>
        </CardContent>
        <CardFooter className="justify-end gap-2 border-t">
          {url && (
            <Button type="button" variant="outline" onClick={remove} disabled={pending}>
              Remove
            </Button>
          )}
          <Button type="submit" disabled={pending || value.trim() === ""}>
            {pending && <Spinner aria-hidden="true" />}
            {url ? "Save and make a new secret" : "Save webhook"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
