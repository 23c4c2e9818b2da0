"use client";
// Telegram: link a chat with a one-time deep link (opened in Telegram, the bot links the chat), see which chat is
// linked, unlink it. Without a bot configured on the server the card says so.
import { useState } from "react";
import { toast } from "sonner";
import { ExternalLinkIcon, SendIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch, ApiError } from "@/lib/api/client";
import type { NotificationSettings } from "./types";

/** The Telegram channel card; `onRefresh` reloads the settings (after linking in Telegram). */
export function TelegramCard({
  telegram,
  onRefresh,
}: {
  telegram: NotificationSettings["telegram"];
  onRefresh: () => Promise<void>;
}) {
  const [link, setLink] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function run(fn: () => Promise<void>) {
    setPending(true);
    try {
      await fn();
    } catch (err) {
      toast.error(err instanceof ApiError ? err.message : "Something went wrong. Try again.");
    } finally {
      setPending(false);
    }
  }

  const makeLink = () =>
    run(async () => {
      const res = await apiFetch<{ url: string }>("/api/notifications/telegram", { method: "POST" });
      setLink(res.url);
    });
  const unlink = () =>
    run(async () => {
      await apiFetch("/api/notifications/telegram", { method: "DELETE" });
      setLink(null);
      await onRefresh();
      toast.success("Telegram unlinked");
    });

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          <SendIcon className="text-muted-foreground size-4" aria-hidden="true" />
          Telegram
          {telegram.linked ? (
            <Badge variant="success">Linked</Badge>
          ) : telegram.available ? (
            <Badge variant="muted">Not linked</Badge>
          ) : (
            <Badge variant="muted">Not available</Badge>
          )}
        </CardTitle>
        <CardDescription>
          {!telegram.available
            ? "This server has no Telegram bot set up (TELEGRAM_BOT_TOKEN)."
            : telegram.linked
              ? `Messages go to ${telegram.username ? `@${telegram.username}` : "your linked chat"} via @${telegram.bot}.`
              : `Open the link in Telegram and press Start: @${telegram.bot} then sends your notifications there.`}
        </CardDescription>
      </CardHeader>
      {link && !telegram.linked && (
        <CardContent className="space-y-2 text-sm">
          <a
            href={link}
            target="_blank"
            rel="noreferrer"
            className="text-primary inline-flex items-center gap-1 font-medium break-all underline-offset-4 hover:underline"
          >
            {link}
            <ExternalLinkIcon className="size-3.5 shrink-0" aria-hidden="true" />
          </a>
          <p className="text-muted-foreground">The link works once, for 15 minutes. Then check again here.</p>
        </CardContent>
      )}
      {telegram.available && (
        <CardFooter className="justify-end gap-2 border-t">
          {telegram.linked ? (
            <Button variant="outline" onClick={unlink} disabled={pending}>
              {pending && <Spinner aria-hidden="true" />}
              Unlink
            </Button>
          ) : (
            <>
              {link && (
                <Button variant="outline" onClick={() => void run(onRefresh)} disabled={pending}>
                  I pressed Start
                </Button>
              )}
              <Button onClick={makeLink} disabled={pending}>
                {pending && <Spinner aria-hidden="true" />}
                {link ? "New link" : "Link Telegram"}
              </Button>
            </>
          )}
        </CardFooter>
      )}
    </Card>
  );
}
