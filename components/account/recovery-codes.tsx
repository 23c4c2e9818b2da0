"use client";
// The ten recovery codes, shown once after turning 2FA on: copy or download them before leaving.
import { useState } from "react";
import { toast } from "sonner";
import { CopyIcon, DownloadIcon } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** The codes in a grid with copy, download and "done". */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const text = `Tickpilot recovery codes (each works once)\n\n${codes.join("\n")}\n`;

  async function copy() {
    await navigator.clipboard.writeText(text).catch(() => undefined);
    setSaved(true);
    toast.success("Recovery codes copied");
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "tickpilot-recovery-codes.txt";
    a.click();
    URL.revokeObjectURL(url);
    setSaved(true);
  }

  return (
    <div className="grid gap-4" data-testid="recovery-codes">
      <Alert>
        <AlertTitle>Save your recovery codes now</AlertTitle>
        <AlertDescription>
          If you lose your phone, each code signs you in once instead of the app. They are not shown again.
        </AlertDescription>
      </Alert>
      <ul className="bg-muted/50 grid grid-cols-2 gap-x-6 gap-y-2 rounded-lg border p-4 font-mono text-sm sm:grid-cols-5">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="outline" onClick={copy}>
          <CopyIcon />
          Copy
        </Button>
        <Button variant="outline" onClick={download}>
          <DownloadIcon />
          Download
        </Button>
        <Button
          onClick={onDone}
          disabled={!saved}
          title={saved ? undefined : "Copy or download the codes first"}
        >
          I have saved them
        </Button>
      </div>
    </div>
  );
}
